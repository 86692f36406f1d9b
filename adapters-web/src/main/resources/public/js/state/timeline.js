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
    reactions: addUsers(index.reactions, data, 'reaction', (a) => a.icon),
    reads: addUsers(index.reads, data, 'message_read', null),
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

/** Adds the users of `type` actions to target → (key →) users; only the touched entries are copied. */
function addUsers(byTarget, data, type, keyOf) {
  const relevant = data.filter((a) => a.type === type);
  if (relevant.length === 0) return byTarget;
  const next = new Map(byTarget);
  const copied = new Set();
  for (const a of relevant) {
    if (keyOf === null) {
      if (!copied.has(a.target)) { next.set(a.target, new Set(next.get(a.target))); copied.add(a.target); }
      next.get(a.target).add(a.user);
      continue;
    }
    const key = keyOf(a);
    if (!copied.has(a.target)) { next.set(a.target, new Map(next.get(a.target))); copied.add(a.target); }
    const byKey = next.get(a.target);
    const mark = `${a.target}\u0000${key}`;
    if (!copied.has(mark)) { byKey.set(key, new Set(byKey.get(key))); copied.add(mark); }
    byKey.get(key).add(a.user);
  }
  return next;
}
