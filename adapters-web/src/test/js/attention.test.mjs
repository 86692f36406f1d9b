import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  memberGroups, arrivals, pageTitle, faviconHref, messageEvents, detailEvents, notifications, totalUnread, vibration,
} from '../../main/resources/public/js/state/attention.js';
import { strings } from '../../main/resources/public/js/i18n.js';

const T = '2026-11-24T19:00:00Z';
const msg = (id, user, extra = {}) => ({ id, type: 'message', user, body: 'a secret', recipients: [], target: null, mentions: [], timestamp: T, ...extra });
const member = (id, name, extra = {}) => ({ id, displayName: name, role: 'participant', present: false, admitted: false, waiting: false, ...extra });
const lee = member('T1', 'Dr. Rivera', { role: 'therapist', present: true, admitted: true });
const ana = member('P1', 'Ana', { waiting: true });
const ben = member('P2', 'Ben');
const cy = member('P3', 'Cy', { present: true, admitted: true });
const dee = member('P4', 'Dee', { admitted: true });

test('the therapist sees who is in the chat, who waits now, and who is not here yet or left', () => {
  const g = memberGroups([lee, ana, ben, cy, dee]);
  assert.deepEqual(g.inChat.map((m) => m.id), ['T1', 'P3']);
  assert.deepEqual(g.waiting.map((m) => m.id), ['P1']);
  assert.deepEqual(g.notHere.map((m) => m.id), ['P2', 'P4']);
});

test('an arrival is someone waiting now who was not waiting before; everyone waiting counts on the first load', () => {
  const before = [ana, ben];
  const after = [ana, { ...ben, waiting: true }];
  assert.deepEqual(arrivals(before, after).map((m) => m.id), ['P2']);
  assert.deepEqual(arrivals(null, after).map((m) => m.id), ['P1', 'P2']);
  assert.deepEqual(arrivals(after, [ana, ben]), []);
});

test('the tab title leads with the unread count and who is waiting', () => {
  const s = strings('en');
  assert.equal(pageTitle(s, { name: 'Week 1', unread: 3, waiting: [] }), '(3) Week 1 – TherapyChat');
  assert.equal(pageTitle(s, { name: 'Week 1', unread: 0, waiting: [] }), 'Week 1 – TherapyChat');
  assert.equal(pageTitle(s, { name: 'Week 1', unread: 0, waiting: ['Ana', 'Ben'] }), 'Ana and Ben are waiting · Week 1 – TherapyChat');
  assert.equal(pageTitle(strings('es'), { name: 'Semana 1', unread: 2, waiting: ['Ana'] }), '(2) Ana está esperando · Semana 1 – TherapyChat');
  assert.equal(pageTitle(s, {}), 'TherapyChat');
});

test('the favicon is the plain icon without unread messages and carries the count (9+ past nine) with them', () => {
  assert.equal(faviconHref(0), '/favicon.svg');
  const three = decodeURIComponent(faviconHref(3));
  assert.match(three, /^data:image\/svg\+xml,<svg/);
  assert.match(three, />3<\/text>/);
  assert.match(decodeURIComponent(faviconHref(42)), />9\+<\/text>/);
});

test('unread counts add up across conversations', () => {
  assert.equal(totalUnread([{ unread: 2 }, { unread: 0 }, { unread: 5 }]), 7);
});

test('private messages to me and mentions of me get attention; my own, deleted and group messages do not', () => {
  const data = [
    msg(1, 'T1', { recipients: ['P1'] }),
    msg(2, 'T1', { mentions: ['P1'] }),
    msg(3, 'P2'),
    msg(4, 'P1', { recipients: ['T1'] }),
    msg(5, 'T1', { recipients: ['P1'], mentions: ['P1'] }),
    msg(6, 'T1', { mentions: ['P1'], deleted: true }),
    { id: 7, type: 'reaction', user: 'T1', target: 4, icon: 'heart' },
  ];
  assert.deepEqual(messageEvents(data, 'P1'), [
    { kind: 'private', from: 'T1', id: 1 }, { kind: 'mention', from: 'T1', id: 2 }, { kind: 'private', from: 'T1', id: 5 }]);
});

test('the end of the session is an event once; a therapist hears of arrivals, a participant does not', () => {
  const open = { status: 'open', members: [lee, ben] };
  const ended = { status: 'ended', members: [lee, ben] };
  assert.deepEqual(detailEvents(open, ended, false), [{ kind: 'ended' }]);
  assert.deepEqual(detailEvents(ended, ended, false), []);
  assert.deepEqual(detailEvents(null, ended, false), []);
  const arrived = { status: 'open', members: [lee, { ...ben, waiting: true }] };
  assert.deepEqual(detailEvents(open, arrived, true), [{ kind: 'waiting', from: 'P2' }]);
  assert.deepEqual(detailEvents(open, arrived, false), []);
});

const hidden = { enabled: true, permission: 'granted', visibility: 'hidden', session: 'Week 1', name: (id) => (id === 'T1' ? 'Dr. Rivera' : id) };

test('notifications go out only when asked for, allowed, and the page is hidden', () => {
  const s = strings('en');
  const events = [{ kind: 'private', from: 'T1', id: 1 }];
  assert.equal(notifications(events, hidden, s).length, 1);
  assert.deepEqual(notifications(events, { ...hidden, visibility: 'visible' }, s), []);
  assert.deepEqual(notifications(events, { ...hidden, enabled: false }, s), []);
  assert.deepEqual(notifications(events, { ...hidden, permission: 'default' }, s), []);
  assert.deepEqual(notifications(events, { ...hidden, permission: 'denied' }, s), []);
});

test('a notification names the sender and the session but never shows a message', () => {
  const s = strings('en');
  const shown = notifications([{ kind: 'private', from: 'T1', id: 1 }, { kind: 'mention', from: 'T1', id: 2 },
    { kind: 'admitted' }, { kind: 'ended' }, { kind: 'waiting', from: 'P2' }], { ...hidden, name: (id) => ({ T1: 'Dr. Rivera', P2: 'Ben' })[id] }, s);
  assert.deepEqual(shown.map((n) => n.title), ['New private message from Dr. Rivera', 'Dr. Rivera mentioned you',
    'You are in the chat now', 'The session has ended', 'Ben is waiting']);
  for (const n of shown) {
    assert.equal(n.body, 'Week 1');
    assert.ok(!JSON.stringify(n).includes('secret'));
  }
  assert.deepEqual(shown.map((n) => n.tag), ['tc-private-1', 'tc-mention-2', 'tc-admitted', 'tc-ended', 'tc-waiting-P2']);
  const es = notifications([{ kind: 'private', from: 'T1', id: 1 }], hidden, strings('es'));
  assert.equal(es[0].title, 'Nuevo mensaje privado de Dr. Rivera');
});

test('a phone vibrates for the same events while the page is shown (a hidden page may not vibrate), when asked for', () => {
  const events = [{ kind: 'mention', from: 'T1', id: 2 }];
  const shown = { ...hidden, visibility: 'visible' };
  assert.ok(vibration(events, shown).length > 0);
  assert.equal(vibration(events, hidden), null);
  assert.equal(vibration([], shown), null);
  assert.equal(vibration(events, { ...shown, enabled: false }), null);
});
