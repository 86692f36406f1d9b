// The sessions list: surveys to do first, then sessions of today, upcoming, past.

export function groupSessions(overview, now, timeZone) {
  const todo = [];
  const today = [];
  const upcoming = [];
  const past = [];
  const day = (d) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const todayKey = day(now);
  for (const s of overview.therapy_sessions || []) {
    for (const a of s.assessments || []) {
      if (a.dueNow && a.url && a.status !== 'complete') todo.push({ ...a, session: s });
    }
    const date = new Date(s.date);
    if (s.status === 'open' || (day(date) === todayKey && s.status !== 'ended')) today.push(s);
    else if (s.status !== 'ended' && date > now) upcoming.push(s);
    else past.push(s);
  }
  upcoming.sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  past.sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  return { todo, today, upcoming, past };
}

const key = (sessionId, name) => `${sessionId}/${name}`;

/**
 * The "Surveys to do" box: the surveys due now with a link, and those this page listed before that
 * are now complete (`done: true`, shown green until the page leaves the list), in the sessions' order.
 * `shown` is the keys listed so far; the answer's `shown` is what to keep for the next refresh.
 */
export function surveysToDo(overview, shown = []) {
  const before = new Set(shown);
  const items = [];
  for (const s of (overview && overview.therapy_sessions) || []) {
    for (const a of s.assessments || []) {
      const k = key(s.id, a.name);
      if (a.dueNow && a.url && a.status !== 'complete') items.push({ ...a, session: s, key: k, done: false });
      else if (before.has(k) && a.status === 'complete') items.push({ ...a, session: s, key: k, done: true });
    }
  }
  return { items, shown: items.map((i) => i.key), allDone: items.length > 0 && items.every((i) => i.done) };
}

/** Whether a refresh turned a survey on the list from to do into done. */
export function newlyDone(before, after) {
  const was = new Set(((before && before.items) || []).filter((i) => !i.done).map((i) => i.key));
  return ((after && after.items) || []).some((i) => i.done && was.has(i.key));
}

/** How long the list refreshes fast after it is shown or the page comes back (from a survey's tab). */
export const FAST_FOR_MS = 2 * 60 * 1000;
export const FAST_MS = 1000;

/**
 * When the sessions list should read the server again, in ms, or null for not at all: only while
 * the page is visible and a survey is still to do — every second for a while after the list was
 * shown or the page came back (a survey just finished in another tab lifts the gate at once), then
 * at the poll interval the server gives.
 */
export function refreshDelay({ pending, visible, sinceAttentionMs, pollIntervalMs }) {
  if (!visible || !pending) return null;
  if (sinceAttentionMs < FAST_FOR_MS) return FAST_MS;
  return pollIntervalMs || 5000;
}
