// Drafts: what was typed and not yet sent, one per conversation, so a private text never follows
// its writer into another conversation. Kept in the tab's sessionStorage (a reload keeps it, the
// tab's end or a logout forgets it), keyed by login user, therapy session and conversation.

const PREFIX = 'tc.draft.';

// JSON keeps the three ids apart whatever characters they hold
const keyOf = (userId, ts, conversation) => PREFIX + JSON.stringify([userId, ts, conversation]);

function draftKeys(storage) {
  const keys = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key && key.startsWith(PREFIX)) keys.push(key);
  }
  return keys;
}

export function readDraft(storage, userId, ts, conversation) {
  return storage.getItem(keyOf(userId, ts, conversation)) || '';
}

/** Keeps `text` as the conversation's draft; an empty one is removed. */
export function writeDraft(storage, userId, ts, conversation, text) {
  if (text) storage.setItem(keyOf(userId, ts, conversation), text);
  else storage.removeItem(keyOf(userId, ts, conversation));
}

/** The conversations of this user and therapy session that have a draft. */
export function draftedConversations(storage, userId, ts) {
  const conversations = [];
  for (const key of draftKeys(storage)) {
    const [user, session, conversation] = JSON.parse(key.slice(PREFIX.length));
    if (user === userId && session === ts) conversations.push(conversation);
  }
  return conversations;
}

/** Removes every draft of the tab (at logout: the next person at this device sees none). */
export function forgetDrafts(storage) {
  for (const key of draftKeys(storage)) storage.removeItem(key);
}
