// Conversations (SPEC §3.1): the group, and one per private audience — the set of the sender and
// the recipients. A reply carries its target's audience (the server stores it so), so it stays put.

export const GROUP = 'group';

/** The key of a message's conversation: 'group', or the audience's user ids sorted and joined. */
export function conversationKey(message) {
  if (!message.recipients || message.recipients.length === 0) return GROUP;
  return audienceKey([message.user, ...message.recipients]);
}

export function audienceKey(userIds) {
  return Array.from(new Set(userIds)).sort().join(',');
}

export function audienceOf(key) {
  return key === GROUP ? [] : key.split(',');
}

/** Recipients to send with a new message in a conversation: its audience without me. */
export function recipientsFor(key, myId) {
  return audienceOf(key).filter((id) => id !== myId);
}

/**
 * Every conversation with its counts, the group first, then by latest message. A message of
 * someone else is unread until I have a read receipt for it (on any device: the server returns
 * mine) or sent one here (`readHere`); it counts as a mention while unread and naming me.
 * `opened` are conversations started here that have no message yet.
 */
export function conversations(items, reads, myId, readHere = new Set(), opened = []) {
  const byKey = new Map([[GROUP, { key: GROUP, unread: 0, mentions: 0, lastId: 0 }]]);
  for (const key of opened) byKey.set(key, { key, unread: 0, mentions: 0, lastId: 0 });
  for (const m of items) {
    if (m.type !== 'message') continue;
    const key = conversationKey(m);
    if (!byKey.has(key)) byKey.set(key, { key, unread: 0, mentions: 0, lastId: 0 });
    const c = byKey.get(key);
    c.lastId = Math.max(c.lastId, m.id);
    if (isUnread(m, reads, myId, readHere)) {
      c.unread += 1;
      if ((m.mentions || []).includes(myId)) c.mentions += 1;
    }
  }
  const group = byKey.get(GROUP);
  byKey.delete(GROUP);
  return [group, ...Array.from(byKey.values()).sort((a, b) => b.lastId - a.lastId)];
}

export function isUnread(message, reads, myId, readHere = new Set()) {
  if (message.type !== 'message' || message.user === myId || message.deleted) return false;
  if (readHere.has(message.id)) return false;
  const readers = reads.get(message.id);
  return !(readers && readers.has(myId));
}

/** The items (messages and notices) shown in one conversation; notices belong to the group. */
export function itemsOf(items, key) {
  return items.filter((a) => (a.type === 'notice' ? key === GROUP : conversationKey(a) === key));
}

/** Total unread and mentions across conversations other than `current`, for a summary badge. */
export function elsewhere(list, current) {
  return list.filter((c) => c.key !== current).reduce((sum, c) => ({
    unread: sum.unread + c.unread, mentions: sum.mentions + c.mentions }), { unread: 0, mentions: 0 });
}

/** The conversation a message still in the queue will land in: a reply without recipients takes its target's. */
export function pendingKey(item, myId, byId) {
  if (item.target && (!item.recipients || item.recipients.length === 0)) {
    const target = byId.get(item.target);
    return target ? conversationKey(target) : GROUP;
  }
  return conversationKey({ user: myId, recipients: item.recipients });
}

/**
 * Who reads what the composer of conversation `key` sends: everyone (and how many they are), or
 * the names of a private audience other than me.
 */
export function composerAudience(key, members, myId) {
  if (key === GROUP) return { private: false, count: members.length, names: [] };
  const audience = audienceOf(key);
  const names = audience.filter((id) => id !== myId).map((id) => members.find((m) => m.id === id)?.displayName || id);
  return { private: true, count: audience.length, names };
}

/** The ids of the unread messages among `items`: what reaching the bottom of a conversation reads. */
export function unreadIds(items, reads, myId, readHere = new Set()) {
  return items.filter((a) => isUnread(a, reads, myId, readHere)).map((a) => a.id);
}
