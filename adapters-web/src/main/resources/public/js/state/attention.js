// What asks for the user's attention: who waits to be let in, the unread count in the tab title and
// on the favicon, and which events notify (and with what words). Plain functions over plain data.

/** The therapist's three groups: in the chat, waiting now (entered, still there, not admitted), and not here yet or left. */
export function memberGroups(members) {
  const inChat = [];
  const waiting = [];
  const notHere = [];
  for (const m of members) {
    if (m.waiting) waiting.push(m);
    else if (m.present) inChat.push(m);
    else notHere.push(m);
  }
  return { inChat, waiting, notHere };
}

/** Who waits in `after` and did not in `before` (no `before`: the first load, everyone waiting). */
export function arrivals(before, after) {
  const was = new Set((before || []).filter((m) => m.waiting).map((m) => m.id));
  return after.filter((m) => m.waiting && !was.has(m.id));
}

export function totalUnread(list) {
  return list.reduce((sum, c) => sum + c.unread, 0);
}

/** "(3) Ana is waiting · Week 1 – TherapyChat": the count and who waits first, so a narrow tab still shows them. */
export function pageTitle(s, { name, unread = 0, waiting = [] }) {
  const count = unread > 0 ? `(${unread}) ` : '';
  const cue = waiting.length > 0 ? `${s.waitingCue(waiting)} · ` : '';
  return `${count}${cue}${name ? `${name} – ` : ''}${s.app}`;
}

const ICON = '<rect width="64" height="64" rx="14" fill="#0b6e69"/>'
  + '<path d="M14 18h36a4 4 0 0 1 4 4v18a4 4 0 0 1-4 4H30l-10 8v-8h-6a4 4 0 0 1-4-4V22a4 4 0 0 1 4-4z" fill="#fff"/>';

/** The favicon: the plain icon, or the icon with the unread count on a red disc (the number, not the colour, tells). */
export function faviconHref(unread) {
  if (!unread) return '/favicon.svg';
  const text = unread > 9 ? '9+' : String(unread);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${ICON}`
    + '<circle cx="41" cy="23" r="22" fill="#c62828" stroke="#fff" stroke-width="3"/>'
    + `<text x="41" y="${text.length > 1 ? 32 : 34}" font-family="Arial,sans-serif" font-size="${text.length > 1 ? 25 : 32}" font-weight="700" fill="#fff" text-anchor="middle">${text}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** New messages that are for me: private ones (to me) and mentions of me, never my own or deleted ones. */
export function messageEvents(data, myId) {
  const events = [];
  for (const a of data) {
    if (a.type !== 'message' || a.user === myId || a.deleted) continue;
    if ((a.recipients || []).includes(myId)) events.push({ kind: 'private', from: a.user, id: a.id });
    else if ((a.mentions || []).includes(myId)) events.push({ kind: 'mention', from: a.user, id: a.id });
  }
  return events;
}

/** From one session detail to the next: the end, and (for a therapist) each new arrival in the waiting room. */
export function detailEvents(before, after, therapist) {
  if (!before) return [];
  const events = [];
  if (before.status !== 'ended' && after.status === 'ended') events.push({ kind: 'ended' });
  if (therapist) for (const m of arrivals(before.members, after.members)) events.push({ kind: 'waiting', from: m.id });
  return events;
}

/**
 * The notifications to show for `events`: none unless the user turned them on, the browser allows
 * them and the page is hidden. A title and the session's name, never what a message says (a lock
 * screen is not private); a tag per event so a repeat replaces rather than piles up.
 */
export function notifications(events, { enabled, permission, visibility, session, name }, s) {
  if (!enabled || permission !== 'granted' || visibility !== 'hidden') return [];
  return events.map((e) => ({ title: titleOf(e, s, name), body: session || '', tag: tagOf(e) }));
}

function titleOf(e, s, name) {
  switch (e.kind) {
    case 'private': return s.notifyPrivate(name(e.from));
    case 'mention': return s.notifyMention(name(e.from));
    case 'admitted': return s.notifyAdmitted;
    case 'ended': return s.notifyEnded;
    default: return s.isWaiting(name(e.from));
  }
}

function tagOf(e) {
  if (e.kind === 'private' || e.kind === 'mention') return `tc-${e.kind}-${e.id}`;
  if (e.kind === 'waiting') return `tc-waiting-${e.from}`;
  return `tc-${e.kind}`;
}

/**
 * A buzz for the same events, when the user turned them on: only while the page is shown (the
 * Vibration API does nothing for a hidden one; the notification speaks then).
 */
export function vibration(events, { enabled, visibility }) {
  if (!enabled || visibility !== 'visible' || events.length === 0) return null;
  return [120, 80, 120];
}
