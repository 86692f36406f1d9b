// The directory (REDCap) as the console shows it: GET /admin/redcap's status in words, whether a
// "sync now" has finished, and what a record owned by REDCap allows here. Plain functions over data.

const SOURCE_NAMES = { redcap: 'REDCap' };

/** The directory's name as people know it ("redcap" → "REDCap"). */
export function sourceName(source) {
  const key = String(source || '').toLowerCase();
  return SOURCE_NAMES[key] || String(source || 'the directory');
}

/** Whether a user or session from the admin API comes from a directory (and is edited there). */
export function isManaged(record) {
  return Boolean(record && record.managedBy);
}

/** "From REDCap" for a managed record, '' otherwise. */
export function managedLabel(record) {
  return isManaged(record) ? `From ${sourceName(record.managedBy)}` : '';
}

/** Why a managed record has no edit controls here. */
export function managedNote(record, what) {
  const name = sourceName(record && record.managedBy);
  return `This ${what} comes from ${name}: edit it in ${name}. The next sync brings the change here.`;
}

/**
 * A clock time in the viewer's zone: "12:03" today, "Dec 4, 12:03" another day. {@code now} and
 * {@code timeZone} are for tests; the browser's by default.
 */
export function clockTime(iso, { now = new Date(), timeZone, locale = 'en-US' } = {}) {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return String(iso);
  const day = (d) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (day(at) === day(now)) return time;
  const date = new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric',
    year: at.getFullYear() === now.getFullYear() ? undefined : 'numeric' }).format(at);
  return `${date}, ${time}`;
}

/**
 * The status in one line and its kind: 'off' (not configured), 'never' (no good sync yet), 'ok' or
 * 'failing' — e.g. "REDCap: last sync 12:03, failing since 12:05: REDCap answered HTTP 500".
 */
export function statusLine(status, options = {}) {
  if (!status || !status.configured) return { kind: 'off', text: 'REDCap is not configured: this study is edited here.' };
  const name = sourceName(status.source);
  const last = status.lastSyncAt ? `last sync ${clockTime(status.lastSyncAt, options)}` : 'no sync yet';
  if (status.failingSince) {
    const reason = status.error ? `: ${status.error}` : '';
    return { kind: 'failing', text: `${name}: ${last}, failing since ${clockTime(status.failingSince, options)}${reason}` };
  }
  return { kind: status.lastSyncAt ? 'ok' : 'never', text: `${name}: ${last}` };
}

/** The counts as label and number, in the order shown. */
export function countRows(status) {
  const counts = (status && status.counts) || {};
  return [['People', counts.people || 0], ['Therapy sessions', counts.sessions || 0],
    ['Survey lists (session, member)', counts.surveys || 0], ['Failed syncs since start', (status && status.failures) || 0]];
}

/** What marks one sync from the next: a newer good sync, or one more failure. */
function mark(status) {
  return `${(status && status.lastSyncAt) || ''}|${(status && status.failures) || 0}`;
}

/** Whether the sync asked for after {@code before} was read has finished, as {@code after} shows. */
export function syncFinished(before, after) {
  return Boolean(after) && mark(after) !== mark(before);
}

/** What to tell (screen readers too) once "Sync now" is done, or when it is still running. */
export function syncOutcome(before, after, options = {}) {
  if (!syncFinished(before, after)) return { kind: 'pending', text: 'The sync is still running; the status shows the last one finished.' };
  if (after.failingSince && (after.failures || 0) > ((before && before.failures) || 0)) {
    return { kind: 'failing', text: `The sync failed${after.error ? `: ${after.error}` : ''}. Everything synced before keeps working.` };
  }
  const c = after.counts || {};
  const changed = after.lastChanges ? `${after.lastChanges} record${after.lastChanges === 1 ? '' : 's'} changed`
    : 'nothing changed';
  return { kind: 'ok', text: `Synced at ${clockTime(after.lastSyncAt, options)}: ${changed}; ${c.people || 0} people, `
    + `${c.sessions || 0} therapy sessions.` };
}

/** A refused write: a record owned by a directory (409 managed_by_…) says where to edit it. */
export function conflictText(error) {
  const body = (error && error.body) || {};
  if (error && error.status === 409 && /^managed_by_/.test(body.error || '')) {
    const name = sourceName(body.error.slice('managed_by_'.length));
    return `${body.message || `This comes from ${name}.`} Nothing was changed here.`;
  }
  return null;
}
