// The user's unsent actions as plain data. A sync sends the ones not failed (at most 100, as the
// server allows); accepted ones leave; rejected ones stay, marked failed, until retried or discarded.

export function enqueue(items, action, clientId, now) {
  return [...items, { clientId, client_ts: now, ...action }];
}

export function toSend(items) {
  return items.filter((i) => !i.failed).slice(0, 100).map(({ failed, ...action }) => action);
}

export function settle(items, accepted, rejected) {
  const done = new Set(accepted.map((a) => a.clientId));
  // the reason as data ({error, field}): the view words it in the viewer's language
  const refused = new Map(rejected.map((r) => [r.clientId, { error: r.error || 'rejected', field: r.field || null }]));
  return items.filter((i) => !done.has(i.clientId))
    .filter((i) => !refused.has(i.clientId) || i.type === 'message')
    .map((i) => (refused.has(i.clientId) ? { ...i, failed: refused.get(i.clientId) } : i));
}

export function retry(items, clientId) {
  return items.map((i) => (i.clientId === clientId ? (({ failed, ...rest }) => rest)(i) : i));
}

export function discard(items, clientId) {
  return items.filter((i) => i.clientId !== clientId);
}

/** True while something waits to be sent (a failed message waits for the user, not for a poll). */
export function waiting(items) {
  return items.some((i) => !i.failed);
}

/**
 * Without the items the log already holds (`data` carries their clientId back to their author): a
 * wake frame can bring an action before the answer to the sync that sent it. The same array when
 * nothing of the queue came.
 */
export function arrived(items, data) {
  const stored = new Set(data.map((a) => a.clientId).filter(Boolean));
  if (stored.size === 0) return items;
  const rest = items.filter((i) => !stored.has(i.clientId));
  return rest.length === items.length ? items : rest;
}
