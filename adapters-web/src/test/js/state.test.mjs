import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyTimeline, mergeActions, indexTimeline, updateIndex } from '../../main/resources/public/js/state/timeline.js';
import { conversations, conversationKey, itemsOf, recipientsFor, unreadIds, GROUP } from '../../main/resources/public/js/state/conversations.js';
import { mentionQuery, matchMembers, applyMention, segments } from '../../main/resources/public/js/state/mentions.js';
import { enqueue, toSend, settle, retry, discard, waiting, arrived } from '../../main/resources/public/js/state/queue.js';
import { layoutRows, utcDay } from '../../main/resources/public/js/state/layout.js';
import { groupSessions } from '../../main/resources/public/js/state/sessions.js';
import { pickLanguage, keysOf, strings } from '../../main/resources/public/js/i18n.js';

const T = '2026-11-24T19:00:00Z';
const msg = (id, user, body, extra = {}) => ({ id, type: 'message', user, body, recipients: [], target: null, mentions: [], timestamp: T, ...extra });

test('a delete is sticky: a late copy of the message never brings its body back', () => {
  let tl = mergeActions(emptyTimeline(), [msg(1, 'P1', 'oops')], 1);
  tl = mergeActions(tl, [{ id: 2, type: 'delete', user: 'P1', target: 1 }], 2);
  tl = mergeActions(tl, [msg(1, 'P1', 'oops')], 1);
  assert.equal(tl.byId.get(1).deleted, true);
  assert.equal(tl.byId.get(1).body, null);
  assert.equal(tl.maxID, 2);
});

test('merging leaves the old timeline as it was', () => {
  const before = mergeActions(emptyTimeline(), [msg(1, 'P1', 'a')], 1);
  mergeActions(before, [msg(2, 'P1', 'b')], 2);
  assert.equal(before.byId.size, 1);
});

test('reactions and reads are indexed per message, one per user and icon', () => {
  const tl = mergeActions(emptyTimeline(), [msg(1, 'P1', 'a'), { id: 2, type: 'reaction', user: 'P2', target: 1, icon: 'heart' },
    { id: 3, type: 'reaction', user: 'P2', target: 1, icon: 'heart' }, { id: 4, type: 'message_read', user: 'P2', target: 1 }], 4);
  const { items, reactions, reads } = indexTimeline(tl);
  assert.equal(items.length, 1);
  assert.equal(reactions.get(1).get('heart').size, 1);
  assert.ok(reads.get(1).has('P2'));
});

test('the index kept up to date merge by merge equals the index built from scratch', () => {
  let seed = 7;
  const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const users = ['P1', 'P2', 'T1'];
  let tl = emptyTimeline();
  let index = indexTimeline(tl);
  let next = 1;
  for (let round = 0; round < 200; round++) {
    const data = [];
    for (let k = random(6); k > 0; k--) {
      const id = next++;
      const user = users[random(3)];
      const target = 1 + random(id);
      const kind = random(10);
      if (kind < 4) data.push(msg(id, user, `m${id}`));
      else if (kind < 5) data.push({ id, type: 'notice', body: `n${id}`, timestamp: T });
      else if (kind < 7) data.push({ id, type: 'reaction', user, target, icon: ['heart', 'smile'][random(2)] });
      else if (kind < 9) data.push({ id, type: 'message_read', user, target });
      else data.push({ id, type: 'delete', user, target });
    }
    // now and then an answer comes twice (a wake and a sync) or an old action again
    const old = tl.byId.get(1 + random(next));
    if (random(5) === 0 && old) data.push(old);
    const batch = random(4) === 0 ? [...data, ...data] : data;
    tl = mergeActions(tl, batch, next - 1);
    index = updateIndex(index, tl, batch);
    assert.deepEqual(index, indexTimeline(tl), `round ${round}`);
  }
});

test('a merge leaves the objects it does not touch as they were, so the view can skip them', () => {
  let tl = mergeActions(emptyTimeline(), [msg(1, 'P1', 'a'), msg(2, 'P2', 'b'),
    { id: 3, type: 'reaction', user: 'P2', target: 1, icon: 'heart' }, { id: 4, type: 'message_read', user: 'P2', target: 1 }], 4);
  const before = indexTimeline(tl);
  const data = [msg(5, 'P1', 'c'), { id: 6, type: 'reaction', user: 'P1', target: 2, icon: 'heart' }];
  tl = mergeActions(tl, data, 6);
  const after = updateIndex(before, tl, data);
  assert.equal(after.items[0], before.items[0]);
  assert.equal(after.reactions.get(1), before.reactions.get(1));
  assert.equal(after.reads, before.reads, 'no read came: the same map');
  assert.notEqual(after.reactions.get(2), before.reactions.get(2));
  assert.equal(before.reactions.has(2), false, 'the old index is not changed');
  assert.deepEqual(after.items.map((a) => a.id), [1, 2, 5]);
});

test('each private audience is its own conversation, whoever sends in it; replies stay in it', () => {
  assert.equal(conversationKey(msg(1, 'P1', 'x')), GROUP);
  const a = msg(2, 'T1', 'x', { recipients: ['P1'] });
  const b = msg(3, 'P1', 'y', { recipients: ['T1'], target: 2 });
  assert.equal(conversationKey(a), conversationKey(b));
  assert.deepEqual(recipientsFor(conversationKey(a), 'P1'), ['T1']);
});

test('unread and mention counts per conversation, cleared by my read receipt from any device', () => {
  const items = [msg(1, 'P2', 'hi @Ana', { mentions: ['P1'] }), msg(2, 'T1', 'psst', { recipients: ['P1'] }), msg(3, 'P1', 'mine')];
  const reads = new Map();
  let list = conversations(items, reads, 'P1');
  assert.deepEqual(list.map((c) => [c.key, c.unread, c.mentions]), [[GROUP, 1, 1], ['P1,T1', 1, 0]]);
  reads.set(1, new Set(['P1']));
  list = conversations(items, reads, 'P1', new Set([2]));
  assert.deepEqual(list.map((c) => [c.unread, c.mentions]), [[0, 0], [0, 0]]);
});

test('a conversation opened here shows before its first message; notices belong to the group', () => {
  const list = conversations([], new Map(), 'P1', new Set(), ['P1,P2']);
  assert.deepEqual(list.map((c) => c.key), [GROUP, 'P1,P2']);
  const items = [{ id: 1, type: 'notice', body: 'Ana joined', timestamp: T }, msg(2, 'P1', 'x', { recipients: ['P2'] })];
  assert.equal(itemsOf(items, GROUP).length, 1);
  assert.equal(itemsOf(items, 'P1,P2')[0].id, 2);
});

test('typing @ offers members filtered by what follows, and Enter puts in the whole name', () => {
  const members = [{ id: 'P1', displayName: 'Ana' }, { id: 'T1', displayName: 'Dr. Rivera' }, { id: 'P2', displayName: 'Anabel' }];
  assert.equal(mentionQuery('hello', 5), null);
  assert.equal(mentionQuery('mail@x', 6), null);
  const q = mentionQuery('hi @an', 6);
  assert.deepEqual(q, { start: 3, query: 'an' });
  assert.deepEqual(matchMembers(members, 'an', 'P9').map((m) => m.id), ['P1', 'P2']);
  assert.deepEqual(matchMembers(members, 'riv', 'P9').map((m) => m.id), ['T1']);
  assert.deepEqual(matchMembers(members, '', 'P1').map((m) => m.id), ['T1', 'P2']);
  assert.deepEqual(applyMention('hi @an!', q, 6, 'Ana'), { text: 'hi @Ana !', caret: 8 });
});

test('a body is cut into text and mentions by the server\'s rule, the longest name winning', () => {
  const members = [{ id: 'P1', displayName: 'Ana' }, { id: 'P2', displayName: 'Ana Bel' }, { id: 'T1', displayName: 'Dr. Rivera' }];
  assert.deepEqual(segments('hi @ana bel and @Dr. Rivera, @anabel', ['P2', 'T1', 'P1'], members, 'T1'), [
    { text: 'hi ' }, { text: '@ana bel', mention: 'P2', me: false }, { text: ' and ' },
    { text: '@Dr. Rivera', mention: 'T1', me: true }, { text: ', @anabel' }]);
  assert.deepEqual(segments('<img src=x onerror=alert(1)>', [], members, 'P1'), [{ text: '<img src=x onerror=alert(1)>' }]);
});

test('the queue sends what is not failed; a rejected message waits to be retried or discarded', () => {
  let q = enqueue([], { type: 'message', body: 'a' }, 'c1', T);
  q = enqueue(q, { type: 'reaction', icon: 'heart', target: 1 }, 'c2', T);
  q = enqueue(q, { type: 'message', body: 'b' }, 'c3', T);
  assert.deepEqual(toSend(q).map((i) => i.clientId), ['c1', 'c2', 'c3']);
  q = settle(q, [{ clientId: 'c1', id: 5 }], [{ clientId: 'c2', error: 'invalid_field', field: 'target', message: 'no' },
    { clientId: 'c3', error: 'invalid_field', field: 'body', message: 'body must not be blank' }]);
  assert.deepEqual(q.map((i) => [i.clientId, i.failed]), [['c3', { error: 'invalid_field', field: 'body' }]],
    'the reason as data, for the view to word in its language');
  assert.equal(waiting(q), false);
  assert.deepEqual(toSend(q), []);
  q = retry(q, 'c3');
  assert.deepEqual(toSend(q).map((i) => i.clientId), ['c3']);
  assert.deepEqual(discard(q, 'c3'), []);
});

test('at most 100 actions go in one sync', () => {
  let q = [];
  for (let i = 0; i < 150; i++) q = enqueue(q, { type: 'message_read', target: i }, `c${i}`, T);
  assert.equal(toSend(q).length, 100);
});

test('rows: day dividers, a sender\'s consecutive messages grouped, notices folded', () => {
  const items = [
    msg(1, 'P1', 'a', { timestamp: '2026-11-23T10:00:00Z' }),
    msg(2, 'P1', 'b', { timestamp: '2026-11-24T10:00:00Z' }),
    msg(3, 'P1', 'c', { timestamp: '2026-11-24T10:01:00Z' }),
    { id: 4, type: 'notice', body: 'Ana joined', timestamp: '2026-11-24T10:02:00Z' },
    { id: 5, type: 'notice', body: 'Bo left', timestamp: '2026-11-24T10:03:00Z' },
    msg(6, 'P1', 'd', { timestamp: '2026-11-24T10:04:00Z' })];
  const rows = layoutRows(items, utcDay);
  assert.deepEqual(rows.map((r) => r.kind + (r.kind === 'message' ? (r.first ? '+' : '-') : '')),
    ['day', 'message+', 'day', 'message+', 'message-', 'notices', 'message+']);
  assert.equal(rows[5].items.length, 2);
});

test('sessions: surveys to do first, then today, upcoming and past', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  const overview = { therapy_sessions: [
    { id: 'a', date: '2026-11-24T18:00:00Z', status: 'scheduled', assessments: [] },
    { id: 'b', date: '2026-12-01T18:00:00Z', status: 'scheduled', assessments: [] },
    { id: 'c', date: '2026-11-17T18:00:00Z', status: 'ended',
      assessments: [{ name: 'post', status: 'incomplete', url: 'https://x', dueNow: true }] }] };
  const g = groupSessions(overview, now, 'UTC');
  assert.deepEqual([g.todo.map((t) => t.session.id), g.today.map((s) => s.id), g.upcoming.map((s) => s.id), g.past.map((s) => s.id)],
    [['c'], ['a'], ['b'], ['c']]);
});

test('languages: picked from the browser, English otherwise; Spanish has every English string', () => {
  assert.equal(pickLanguage(['es-MX', 'en']), 'es');
  assert.equal(pickLanguage(['de-DE']), 'en');
  assert.deepEqual(keysOf('es').sort(), keysOf('en').sort());
  assert.equal(strings('es').unread(3), '3 sin leer');
});

test('what a wake frame brings leaves the queue before the sync answer does: never shown as sent and as sending', () => {
  let q = enqueue([], { type: 'message', body: 'hi' }, 'c1', T);
  q = enqueue(q, { type: 'reaction', icon: 'heart', target: 1 }, 'c2', T);
  const same = arrived(q, [msg(7, 'P2', 'other')]);
  assert.equal(same, q, 'nothing of ours: the same queue');
  q = arrived(q, [msg(8, 'P1', 'hi', { clientId: 'c1' })]);
  assert.deepEqual(q.map((i) => i.clientId), ['c2']);
  // the sync answer that comes after settles nothing more and breaks nothing
  assert.deepEqual(settle(q, [{ clientId: 'c1', id: 8 }], []).map((i) => i.clientId), ['c2']);
});

test('a queued reply shows in its target\'s conversation; a new message in the one it names', async () => {
  const { pendingKey } = await import('../../main/resources/public/js/state/conversations.js');
  const byId = new Map([[2, msg(2, 'T1', 'x', { recipients: ['P1'] })]]);
  assert.equal(pendingKey({ type: 'message', recipients: [], target: 2 }, 'P1', byId), 'P1,T1');
  assert.equal(pendingKey({ type: 'message', recipients: ['P2'], target: null }, 'P1', byId), 'P1,P2');
  assert.equal(pendingKey({ type: 'message', recipients: [], target: null }, 'P1', byId), GROUP);
});

test('reaching the bottom reads every unread message above it, not only those that passed the screen', () => {
  const items = [msg(1, 'P2', 'hi'), msg(2, 'P1', 'hi'), msg(3, 'T1', 'gone', { deleted: true, body: null }), msg(4, 'T1', 'hi'),
    { id: 5, type: 'notice', body: 'Ben joined', timestamp: T }, msg(6, 'P2', 'hi'), msg(7, 'P3', 'hi')];
  const reads = new Map([[4, new Set(['P1'])]]);
  // mine (2), deleted (3), read on another device (4), a notice (5) and read here (6) are not unread
  assert.deepEqual(unreadIds(items, reads, 'P1', new Set([6])), [1, 7]);
  assert.deepEqual(unreadIds(items, reads, 'P1', new Set([1, 6, 7])), []);
});
