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
  const items = [];
  const reactions = new Map();
  const reads = new Map();
  for (const a of timeline.byId.values()) {
    if (a.type === 'message' || a.type === 'notice') items.push(a);
    else if (a.type === 'reaction') {
      if (!reactions.has(a.target)) reactions.set(a.target, new Map());
      const byIcon = reactions.get(a.target);
      if (!byIcon.has(a.icon)) byIcon.set(a.icon, new Set());
      byIcon.get(a.icon).add(a.user);
    } else if (a.type === 'message_read') {
      if (!reads.has(a.target)) reads.set(a.target, new Set());
      reads.get(a.target).add(a.user);
    }
  }
  items.sort((x, y) => x.id - y.id);
  return { items, reactions, reads };
}
