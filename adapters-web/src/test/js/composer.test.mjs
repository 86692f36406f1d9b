import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDraft, writeDraft, draftedConversations, forgetDrafts } from '../../main/resources/public/js/state/drafts.js';
import { composerAudience, GROUP } from '../../main/resources/public/js/state/conversations.js';
import { strings } from '../../main/resources/public/js/i18n.js';

/** sessionStorage's interface over a Map. */
class FakeStorage {
  constructor() { this.map = new Map(); }
  get length() { return this.map.size; }
  key(i) { return Array.from(this.map.keys())[i] ?? null; }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

const T = '2026-11-24T19:00:00Z';
const msg = (id, user, extra = {}) => ({ id, type: 'message', user, body: `m${id}`, recipients: [], target: null, mentions: [], timestamp: T, ...extra });
const MEMBERS = [{ id: 'T1', displayName: 'Dr. Rivera' }, { id: 'P1', displayName: 'Ana' },
  { id: 'P2', displayName: 'Ben' }, { id: 'P3', displayName: 'Carol' }];

test('a draft belongs to one conversation: the group\'s composer is empty while the private one keeps its text', () => {
  const tab = new FakeStorage();
  writeDraft(tab, 'P1', 'week-1', 'P1,T1', 'I had a panic attack on Tuesday');
  assert.equal(readDraft(tab, 'P1', 'week-1', GROUP), '');
  assert.equal(readDraft(tab, 'P1', 'week-1', 'P1,T1'), 'I had a panic attack on Tuesday');
});

test('a draft is kept per login user and therapy session', () => {
  const tab = new FakeStorage();
  writeDraft(tab, 'P1', 'week-1', GROUP, 'mine');
  assert.equal(readDraft(tab, 'P2', 'week-1', GROUP), '', 'another user in the same tab');
  assert.equal(readDraft(tab, 'P1', 'week-2', GROUP), '', 'another therapy session');
  assert.equal(readDraft(tab, 'P1', 'week-1', GROUP), 'mine');
});

test('ids with dots and commas do not run into each other\'s keys', () => {
  const tab = new FakeStorage();
  writeDraft(tab, 'a.b', 'c', GROUP, 'one');
  assert.equal(readDraft(tab, 'a', 'b.c', GROUP), '');
});

test('an emptied draft (sent, or deleted by hand) leaves nothing in the tab', () => {
  const tab = new FakeStorage();
  writeDraft(tab, 'P1', 'week-1', GROUP, 'hello');
  writeDraft(tab, 'P1', 'week-1', GROUP, '');
  assert.equal(tab.length, 0);
});

test('the conversations with a draft, so one started here but not yet written in comes back after a reload', () => {
  const tab = new FakeStorage();
  writeDraft(tab, 'P1', 'week-1', 'P1,T1', 'a');
  writeDraft(tab, 'P1', 'week-1', 'P1,P2,T1', 'b');
  writeDraft(tab, 'P1', 'week-2', 'P1,P3', 'other session');
  writeDraft(tab, 'P2', 'week-1', 'P2,T1', 'other user');
  tab.setItem('tc.queue.week-1', '[]');
  assert.deepEqual(draftedConversations(tab, 'P1', 'week-1').sort(), ['P1,P2,T1', 'P1,T1']);
});

test('logging out forgets every draft of the tab and nothing else', () => {
  const tab = new FakeStorage();
  writeDraft(tab, 'P1', 'week-1', 'P1,T1', 'a');
  writeDraft(tab, 'P1', 'week-1', GROUP, 'b');
  writeDraft(tab, 'P1', 'week-2', GROUP, 'c');
  tab.setItem('tc.queue.week-1', '[]');
  forgetDrafts(tab);
  assert.deepEqual(Array.from(tab.map.keys()), ['tc.queue.week-1']);
});

test('the composer names its audience: everyone with their number, or the people of a private conversation', () => {
  assert.deepEqual(composerAudience(GROUP, MEMBERS, 'P1'), { private: false, count: 4, names: [] });
  assert.deepEqual(composerAudience('P1,T1', MEMBERS, 'P1'), { private: true, count: 2, names: ['Dr. Rivera'] });
  assert.deepEqual(composerAudience('P1,P2,T1', MEMBERS, 'T1'), { private: true, count: 3, names: ['Ana', 'Ben'] });
  assert.deepEqual(composerAudience('P1,P9', MEMBERS, 'P1'), { private: true, count: 2, names: ['P9'] }, 'someone no longer a member');
  const en = strings('en');
  const es = strings('es');
  assert.equal(en.toEveryone(4), 'Message everyone (4)');
  assert.equal(en.privateTo(en.list(['Dr. Rivera'])), 'Private to Dr. Rivera');
  assert.equal(es.toEveryone(4), 'Mensaje para todos (4)');
  assert.equal(es.privateTo(es.list(['Ana', 'Ben'])), 'Privado para Ana y Ben');
  assert.equal(en.toEveryone(0), 'Message everyone', 'before the members are known');
});
