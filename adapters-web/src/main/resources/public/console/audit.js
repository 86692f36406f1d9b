// The audit trail in the console: pages merged by id, filtered as the coordinator asks.

export function mergeEntries(existing, page) {
  const byId = new Map(existing.map((e) => [e.id, e]));
  for (const entry of page) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The id to ask for next (GET /admin/audit?since=ID answers entries after it). */
export function nextSince(entries) {
  return entries.length ? entries[entries.length - 1].id : 0;
}

export function emptyFilter() {
  return { text: '', action: '', outcome: '' };
}

/** Newest first; text matches actor, action or target, case-insensitively. */
export function filterAudit(entries, filter) {
  const text = (filter.text || '').trim().toLowerCase();
  return entries.filter((e) => (!filter.action || e.action === filter.action)
      && (!filter.outcome || e.outcome === filter.outcome)
      && (!text || [e.actor, e.action, e.target].some((v) => String(v ?? '').toLowerCase().includes(text))))
    .slice().reverse();
}

export function distinct(entries, field) {
  return [...new Set(entries.map((e) => e[field]).filter(Boolean))].sort();
}
