import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceMax, ticks, barLayout, linePoints, bucketLabel, researchCharts, minuteLabel } from '../../main/resources/public/console/charts.js';
import { emptyTrail, firstPage, withOlder, withNewer, newestId, canJoin, hasOlder, emptyFilter, filterAudit, distinct }
  from '../../main/resources/public/console/audit.js';
import { nowRows, nowTotals } from '../../main/resources/public/console/now.js';
import { memberChoices } from '../../main/resources/public/console/forms.js';

test('axes end at a round number at or above the largest value', () => {
  assert.equal(niceMax([]), 1);
  assert.equal(niceMax([0, 0]), 1);
  assert.equal(niceMax([3]), 5);
  assert.equal(niceMax([7, 12]), 20);
  assert.equal(niceMax([100]), 100);
  assert.deepEqual(ticks(20, 4), [0, 5, 10, 15, 20]);
});

test('grouped bars run as long as their share of the axis, one row per label, inside the box', () => {
  const { max, bars, height } = barLayout(['Ana', 'Bo'], [{ name: 'Messages', values: [10, 5] }, { name: 'Reactions', values: [0, 2] }],
    { width: 200, rowHeight: 20 });
  assert.equal(max, 10);
  assert.equal(height, 40);
  assert.deepEqual(bars.map((b) => b.width), [200, 0, 100, 40]);
  for (const b of bars) {
    assert.ok(b.x >= 0 && b.x + b.width <= 200 && b.y >= 0 && b.y + b.height <= height + 0.0001);
  }
  assert.ok(bars[1].y > bars[0].y && bars[2].y >= bars[1].y + bars[1].height);
});

test('a line spreads its points across the width', () => {
  const { points, path } = linePoints([2, 4, 1], { width: 100, height: 50 });
  assert.deepEqual(points.map((p) => p.x), [0, 50, 100]);
  assert.deepEqual(points.map((p) => p.y), [30, 10, 40]); // the axis ends at 5
  assert.equal(path, '0,30 50,10 100,40');
  assert.equal(linePoints([3], { width: 100, height: 50 }).points[0].x, 50);
});

test('a minute named by its start instant reads as its UTC clock time', () => {
  assert.equal(minuteLabel('2026-11-25T18:05:00Z'), '18:05');
  assert.equal(minuteLabel(3), '3');
});

test('time-to-complete buckets read as durations', () => {
  assert.deepEqual([500, 2000, 90000, 3600000, null].map(bucketLabel), ['≤ 500 ms', '≤ 2 s', '≤ 1.5 min', '≤ 60 min', 'longer']);
});

test('the research answer becomes the series the charts and tables show', () => {
  const charts = researchCharts({
    members: [{ id: 'P1', displayName: 'Ana', messages: 3, reactions: 1, attendanceMinutes: 40 }],
    timeToComplete: [{ upToMs: 1000, count: 2 }, { upToMs: null, count: 1 }],
    wordsPerMessage: [{ minute: 0, messages: 2, averageWords: 4.5 }],
  });
  assert.deepEqual(charts.activity.series[0].values, [3]);
  assert.deepEqual(charts.attendance.series[0].values, [40]);
  assert.deepEqual(charts.timeToComplete.labels, ['≤ 1 s', 'longer']);
  assert.deepEqual(charts.words.averages, [4.5]);
  assert.deepEqual(researchCharts({}).activity.labels, []);
});

test('audit: the newest page first, older pages below, newer entries on top, each entry once', () => {
  const e = (id, extra = {}) => ({ id, actor: 'token', action: 'user.put', target: `P${id}`, outcome: 'ok', ...extra });
  assert.deepEqual(emptyTrail(), { entries: [], nextBefore: null, loaded: false });
  assert.equal(newestId(emptyTrail()), null);
  assert.equal(hasOlder(emptyTrail()), false);
  let trail = firstPage({ entries: [e(30), e(29), e(28)], nextBefore: 28 });
  assert.deepEqual(trail.entries.map((x) => x.id), [30, 29, 28]);
  assert.equal(trail.loaded, true);
  assert.equal(hasOlder(trail), true);
  assert.equal(newestId(trail), 30);
  trail = withOlder(trail, { entries: [e(27), e(26), e(25)], nextBefore: 25 });
  assert.deepEqual(trail.entries.map((x) => x.id), [30, 29, 28, 27, 26, 25]);
  assert.equal(trail.nextBefore, 25);
  // an older page answered twice (a double click) adds nothing twice
  trail = withOlder(trail, { entries: [e(24), e(25)], nextBefore: null });
  assert.deepEqual(trail.entries.map((x) => x.id), [30, 29, 28, 27, 26, 25, 24]);
  assert.equal(hasOlder(trail), false, 'the oldest page says there is nothing older');
  // newer entries come oldest first from ?since=30, and go on top
  assert.equal(canJoin([e(31), e(32)], 100), true);
  assert.equal(canJoin(Array.from({ length: 100 }, (_, i) => e(31 + i)), 100), false, 'a full page may hide a gap');
  trail = withNewer(trail, [e(31), e(32)]);
  assert.deepEqual(trail.entries.slice(0, 3).map((x) => x.id), [32, 31, 30]);
  assert.equal(trail.nextBefore, null, 'joining newer entries keeps where the older ones end');
  assert.deepEqual(firstPage({ entries: [] }), { entries: [], nextBefore: null, loaded: true });
});

test('audit filters match actor, action, target and outcome, newest first', () => {
  const entries = firstPage({ entries: [{ id: 3, actor: 'P1', action: 'admin.refused', target: 'GET /admin/users', outcome: 'refused' },
    { id: 2, actor: 'S1', action: 'staff.login', target: 'S1', outcome: 'ok' },
    { id: 1, actor: 'token', action: 'user.put', target: 'S1', outcome: 'ok' }], nextBefore: null }).entries;
  assert.deepEqual(filterAudit(entries, { text: 's1', action: '', outcome: '' }).map((e) => e.id), [2, 1]);
  assert.deepEqual(filterAudit(entries, { text: '', action: '', outcome: 'refused' }).map((e) => e.id), [3]);
  assert.deepEqual(filterAudit(entries, { text: 'nobody', action: '', outcome: '' }), []);
  assert.deepEqual(filterAudit(entries, emptyFilter()).map((e) => e.id), [3, 2, 1]);
  assert.deepEqual(distinct(entries, 'action'), ['admin.refused', 'staff.login', 'user.put']);
});

test('"now" lists sessions with people present first, then by activity', () => {
  const rows = nowRows({ sessions: [
    { id: 'a', name: 'A', status: 'scheduled', present: [], messagesLast5Minutes: 9 },
    { id: 'b', name: 'B', status: 'open', present: [{ id: 'P1', displayName: 'Ana' }], messagesLast5Minutes: 2 },
  ] });
  assert.deepEqual(rows.map((r) => r.id), ['b', 'a']);
  assert.deepEqual(rows[0].present, ['Ana']);
  assert.deepEqual(nowTotals(rows), { sessions: 1, people: 1, messages: 11 });
});

test('member choices leave out staff and disabled users, ids in natural order', () => {
  const { therapists, participants } = memberChoices([{ id: 'P10', role: 'participant' }, { id: 'P2', role: 'participant' },
    { id: 'T1', role: 'therapist' }, { id: 'S1', role: 'staff' }, { id: 'P3', role: 'participant', disabled: true }]);
  assert.deepEqual(therapists.map((u) => u.id), ['T1']);
  assert.deepEqual(participants.map((u) => u.id), ['P2', 'P10']);
});
