// The chat's action log as plain data: merged from syncs and wake frames, deletes sticky.

export function emptyTimeline() {
  return { byId: new Map(), maxID: 0 };
}

/**
 * A new timeline with `data` merged in. A delete removes its target's body for good: a late or
 * repeated copy of the message never brings the body back.
 */
export function mergeActions(timeline, data, maxID) {
  const byId = new Map(timeline.byId);
  for (const action of data) {
    const known = byId.get(action.id);
    byId.set(action.id, known && known.deleted ? { ...action, deleted: true, body: null } : action);
    if (action.type === 'delete' && byId.has(action.target)) {
      byId.set(action.target, { ...byId.get(action.target), deleted: true, body: null });
    }
  }
  return { byId, maxID: Math.max(timeline.maxID, maxID || 0) };
}

/** True when the merge brought something that changes the session's details (members, whiteboard, status). */
export function touchesDetails(data) {
  return data.some((a) => a.type === 'update_chat_details' || a.type === 'notice' || a.type === 'update_assessments');
}

/** Messages and notices in id order, with reactions (id → icon → users) and reads (id → users). */
export function indexTimeline(timeline) {
  return updateIndex({ items: [], reactions: new Map(), reads: new Map() }, timeline, Array.from(timeline.byId.values()));
}

const shown = (a) => a.type === 'message' || a.type === 'notice';

/**
 * The index of `timeline` after `data` was merged into it, from the index before the merge. Only
 * what `data` touches is new: a message no action touched keeps its object and its reaction and
 * read sets, so the view can skip it (a chat of thousands renders only what changed).
 */
export function updateIndex(index, timeline, data) {
  return {
    items: updateItems(index.items, timeline, data),
    reactions: addReactions(index.reactions, data),
    reads: addReads(index.reads, data),
  };
}

function updateItems(items, timeline, data) {
  const last = items.length ? items[items.length - 1].id : 0;
  // the usual case: only new messages and notices, after every known one
  if (data.every((a) => a.type !== 'delete' && (!shown(a) || a.id > last))) {
    const ids = new Set(data.filter(shown).map((a) => a.id));
    if (ids.size === 0) return items;
    return [...items, ...Array.from(ids, (id) => timeline.byId.get(id)).sort((x, y) => x.id - y.id)];
  }
  const all = [];
  for (const a of timeline.byId.values()) if (shown(a)) all.push(a);
  return all.sort((x, y) => x.id - y.id);
}

/** Reads (target → readers) with the readers of `data` added; only the touched targets get new sets. */
function addReads(reads, data) {
  const fresh = data.filter((a) => a.type === 'message_read');
  if (fresh.length === 0) return reads;
  const next = new Map(reads);
  for (const a of fresh) {
    // still the old set (or none): copy it before adding, so the old index stays as it was
    if (next.get(a.target) === reads.get(a.target)) next.set(a.target, new Set(reads.get(a.target)));
    next.get(a.target).add(a.user);
  }
  return next;
}

/** Reactions (target → icon → users) with those of `data` added; only the touched targets and icons are new. */
function addReactions(reactions, data) {
  const fresh = data.filter((a) => a.type === 'reaction');
  if (fresh.length === 0) return reactions;
  const next = new Map(reactions);
  for (const a of fresh) {
    const old = reactions.get(a.target);
    if (next.get(a.target) === old) next.set(a.target, new Map(old));
    const byIcon = next.get(a.target);
    if (byIcon.get(a.icon) === old?.get(a.icon)) byIcon.set(a.icon, new Set(old?.get(a.icon)));
    byIcon.get(a.icon).add(a.user);
  }
  return next;
}
