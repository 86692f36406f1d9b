// The audit trail in the console: the newest page first, older pages on demand, newer entries
// joined on top; filtered as the coordinator asks. Entries are held newest first.

/** Nothing loaded yet. */
export function emptyTrail() {
  return { entries: [], nextBefore: null, loaded: false };
}

const newestFirst = (entries) => [...new Map(entries.map((e) => [e.id, e])).values()].sort((a, b) => b.id - a.id);

/** The answer of GET /admin/audit (newest first): what the screen shows first, or after a fresh start. */
export function firstPage(answer) {
  return { entries: newestFirst(answer.entries), nextBefore: answer.nextBefore ?? null, loaded: true };
}

/** An older page (GET /admin/audit?before=nextBefore) appended below what is held. */
export function withOlder(trail, answer) {
  return { entries: newestFirst([...trail.entries, ...answer.entries]), nextBefore: answer.nextBefore ?? null, loaded: true };
}

/** The id to ask for newer entries after (GET /admin/audit?since=ID), or null when nothing is held. */
export function newestId(trail) {
  return trail.entries.length ? trail.entries[0].id : null;
}

/**
 * Whether entries answered by ?since=newestId&limit=LIMIT (oldest first) join what is held without a
 * gap: a full page may have more behind it, and then the screen starts over from the newest page.
 */
export function canJoin(newer, limit) {
  return newer.length < limit;
}

/** Newer entries (oldest first, as ?since answers) put on top of what is held. */
export function withNewer(trail, newer) {
  return { ...trail, entries: newestFirst([...trail.entries, ...newer]), loaded: true };
}

export function hasOlder(trail) {
  return trail.nextBefore !== null && trail.nextBefore !== undefined;
}

export function emptyFilter() {
  return { text: '', action: '', outcome: '' };
}

/** In the order held (newest first); text matches actor, action or target, case-insensitively. */
export function filterAudit(entries, filter) {
  const text = (filter.text || '').trim().toLowerCase();
  return entries.filter((e) => (!filter.action || e.action === filter.action)
      && (!filter.outcome || e.outcome === filter.outcome)
      && (!text || [e.actor, e.action, e.target].some((v) => String(v ?? '').toLowerCase().includes(text))));
}

export function distinct(entries, field) {
  return [...new Set(entries.map((e) => e[field]).filter(Boolean))].sort();
}
