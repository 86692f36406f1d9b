import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  sourceName, isManaged, managedLabel, managedNote, clockTime, statusLine, countRows, syncFinished, syncOutcome, conflictText,
} from '../../main/resources/public/console/redcap.js';

// every date is taken from the clock: nothing here depends on the day the tests run
const now = new Date();
const minutes = (n) => new Date(now.getTime() + n * 60000).toISOString();
const hhmm = (iso, timeZone) => new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  .format(new Date(iso));
const UTC = { now, timeZone: 'UTC' };

test('a record from REDCap is marked and names where it is edited', () => {
  assert.equal(isManaged({ id: '2', managedBy: 'redcap' }), true);
  assert.equal(isManaged({ id: 'S1' }), false);
  assert.equal(managedLabel({ managedBy: 'redcap' }), 'From REDCap');
  assert.equal(managedLabel({ id: 'S1' }), '');
  assert.equal(sourceName('redcap'), 'REDCap');
  assert.equal(sourceName('other'), 'other');
  assert.match(managedNote({ managedBy: 'redcap' }, 'therapy session'), /^This therapy session comes from REDCap: edit it in REDCap\./);
});

test('a time today is hours and minutes in the viewer\'s zone; another day names the day', () => {
  const at = now.toISOString();
  assert.equal(clockTime(at, UTC), hhmm(at, 'UTC'));
  assert.equal(clockTime(at, { now, timeZone: 'Asia/Kolkata' }), hhmm(at, 'Asia/Kolkata'));
  const twoDaysAgo = new Date(now.getTime() - 2 * 86400000).toISOString();
  assert.match(clockTime(twoDaysAgo, UTC), new RegExp(`^[A-Z][a-z]{2} \\d{1,2}(, \\d{4})?, ${hhmm(twoDaysAgo, 'UTC')}$`));
  assert.equal(clockTime(null, UTC), '');
});

test('the status line: not configured, no sync yet, synced, failing since with the reason', () => {
  assert.equal(statusLine({ configured: false }).kind, 'off');
  assert.match(statusLine({ configured: false }).text, /not configured/);
  assert.deepEqual(statusLine({ configured: true, source: 'REDCap', lastSyncAt: null, failingSince: null }, UTC),
    { kind: 'never', text: 'REDCap: no sync yet' });
  const last = minutes(-5);
  assert.deepEqual(statusLine({ configured: true, source: 'REDCap', lastSyncAt: last, failingSince: null }, UTC),
    { kind: 'ok', text: `REDCap: last sync ${hhmm(last, 'UTC')}` });
  const since = minutes(-2);
  assert.deepEqual(statusLine({ configured: true, source: 'REDCap', lastSyncAt: last, failingSince: since,
    error: 'REDCap answered HTTP 500' }, UTC),
  { kind: 'failing', text: `REDCap: last sync ${hhmm(last, 'UTC')}, failing since ${hhmm(since, 'UTC')}: REDCap answered HTTP 500` });
  assert.equal(statusLine({ configured: true, source: 'REDCap', lastSyncAt: null, failingSince: since, error: 'x' }, UTC).text,
    `REDCap: no sync yet, failing since ${hhmm(since, 'UTC')}: x`);
});

test('counts are listed with their labels, missing ones as 0', () => {
  assert.deepEqual(countRows({ counts: { people: 3, sessions: 2, surveys: 5 }, failures: 1 }).map(([, n]) => n), [3, 2, 5, 1]);
  assert.deepEqual(countRows({}).map(([, n]) => n), [0, 0, 0, 0]);
});

test('"sync now" is done when a newer sync is applied or one more sync failed', () => {
  const before = { configured: true, lastSyncAt: minutes(-1), failures: 0, counts: { people: 3, sessions: 2 } };
  assert.equal(syncFinished(before, { ...before }), false);
  assert.equal(syncFinished(before, null), false);
  assert.equal(syncFinished(before, { ...before, lastSyncAt: minutes(0) }), true);
  assert.equal(syncFinished(before, { ...before, failures: 1, failingSince: minutes(0) }), true);
});

test('the outcome told to screen readers: still running, failed with why, or what the sync found', () => {
  const before = { configured: true, lastSyncAt: minutes(-1), failures: 0, counts: { people: 3, sessions: 2 } };
  assert.equal(syncOutcome(before, before).kind, 'pending');
  const failed = syncOutcome(before, { ...before, failures: 1, failingSince: minutes(0), error: 'REDCap answered HTTP 500' });
  assert.deepEqual(failed, { kind: 'failing', text: 'The sync failed: REDCap answered HTTP 500. Everything synced before keeps working.' });
  const at = minutes(0);
  const ok = syncOutcome(before, { ...before, lastSyncAt: at, lastChanges: 1, counts: { people: 4, sessions: 2 } }, UTC);
  assert.deepEqual(ok, { kind: 'ok', text: `Synced at ${hhmm(at, 'UTC')}: 1 record changed; 4 people, 2 therapy sessions.` });
  assert.match(syncOutcome(before, { ...before, lastSyncAt: at, lastChanges: 0 }, UTC).text, /nothing changed/);
  // a recovery after failures is a success, not a failure
  const failing = { ...before, failures: 2, failingSince: minutes(-1), error: 'x' };
  assert.equal(syncOutcome(failing, { ...failing, lastSyncAt: at, failingSince: null, error: null }).kind, 'ok');
});

test('a 409 for a managed record says where to edit it; other errors are not this one\'s', () => {
  const conflict = { status: 409, body: { error: 'managed_by_redcap', message: 'User 2 is managed by REDCap: edit it there.' } };
  assert.equal(conflictText(conflict), 'User 2 is managed by REDCap: edit it there. Nothing was changed here.');
  assert.equal(conflictText({ status: 409, body: { error: 'managed_by_redcap' } }), 'This comes from REDCap. Nothing was changed here.');
  assert.equal(conflictText({ status: 400, body: { error: 'validation_failed' } }), null);
  assert.equal(conflictText(null), null);
});
