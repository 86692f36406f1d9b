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
  const refused = new Map(rejected.map((r) => [r.clientId, r.message || r.error || 'rejected']));
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
