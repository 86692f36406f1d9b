import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FOLLOW_UPS, LiveConnection, backoff, decideWake, followUpDelay, liveUrl } from '../../main/resources/public/js/live.js';

class FakeSocket {
  static made = [];
  constructor(url) { this.url = url; this.closedWith = null; FakeSocket.made.push(this); }
  close(code) { this.closedWith = code; }
  serverOpens() { this.onopen(); }
  serverSends(frame) { this.onmessage({ data: JSON.stringify(frame) }); }
  serverCloses(code) { this.onclose({ code }); }
}

function fakeEnv() {
  const timers = [];
  return {
    WebSocket: FakeSocket,
    random: () => 0.5,
    clock: 0,
    now() { return this.clock; },
    setTimeout: (fn, ms) => { timers.push({ fn, ms }); return timers.length; },
    clearTimeout: (id) => { if (id) timers[id - 1].fn = () => {}; },
    timers,
  };
}

function recorder() {
  const log = { wakes: [], openChanges: [], closedFor: [] };
  return {
    log,
    handlers: {
      onWake: (f) => log.wakes.push(f),
      onOpenChange: (o) => log.openChanges.push(o),
      onClosedFor: (c) => log.closedFor.push(c),
    },
  };
}

test('a wake that follows on from the cursor is applied, one that skips ahead makes a sync', () => {
  assert.equal(decideWake(10, { type: 'wake', after: 10, maxID: 12, data: [] }), 'apply');
  assert.equal(decideWake(11, { type: 'wake', after: 10, maxID: 12, data: [] }), 'apply');
  assert.equal(decideWake(9, { type: 'wake', after: 10, maxID: 12, data: [] }), 'sync');
  assert.equal(decideWake(10, { type: 'wake', maxID: 12 }), 'sync', 'a bare wake syncs');
  assert.equal(decideWake(12, { type: 'wake', after: 10, maxID: 12, data: [] }), 'ignore', 'already has it');
  assert.equal(decideWake(0, { type: 'hello' }), 'ignore');
  assert.equal(decideWake(0, null), 'ignore');
});

test('backoff doubles from 1 s to 30 s with jitter', () => {
  assert.equal(backoff(0, () => 0.5), 1000);
  assert.equal(backoff(1, () => 0.5), 2000);
  assert.equal(backoff(10, () => 0.5), 30000);
  assert.equal(backoff(0, () => 0), 500);
  assert.equal(backoff(10, () => 0.999), 44970);
});

test('the live URL follows the page scheme and escapes the session id', () => {
  assert.equal(liveUrl({ protocol: 'https:', host: 'x.org' }, 'a b'), 'wss://x.org/api/live?ts=a%20b');
  assert.equal(liveUrl({ protocol: 'http:', host: 'localhost:4567' }, 'w1'), 'ws://localhost:4567/api/live?ts=w1');
});

test('frames reach the chat, open and close are reported, a drop reconnects with backoff', () => {
  FakeSocket.made = [];
  const env = fakeEnv();
  const { log, handlers } = recorder();
  const live = new LiveConnection('ws://h/api/live?ts=w1', handlers, env);
  live.connect();
  const first = FakeSocket.made[0];
  first.serverOpens();
  first.serverSends({ type: 'wake', maxID: 5, after: 4, data: [] });
  first.onmessage({ data: 'not json' });
  first.serverCloses(1006);
  assert.deepEqual(log.openChanges, [true, false]);
  assert.equal(log.wakes.length, 1);
  assert.equal(env.timers.length, 1);
  assert.equal(env.timers[0].ms, 1000);
  env.timers[0].fn();
  assert.equal(FakeSocket.made.length, 2, 'reconnected');
  FakeSocket.made[1].serverCloses(1006);
  assert.equal(env.timers[1].ms, 2000, 'the second try waits longer');
});

test('4401 and 4403 end the connection for good and tell the chat', () => {
  FakeSocket.made = [];
  const env = fakeEnv();
  const { log, handlers } = recorder();
  const live = new LiveConnection('ws://h', handlers, env);
  live.connect();
  FakeSocket.made[0].serverOpens();
  FakeSocket.made[0].serverCloses(4403);
  assert.deepEqual(log.closedFor, [4403]);
  assert.equal(env.timers.length, 0, 'no reconnect');
});

test('stop closes the socket and cancels a pending reconnect', () => {
  FakeSocket.made = [];
  const env = fakeEnv();
  const { log, handlers } = recorder();
  const live = new LiveConnection('ws://h', handlers, env);
  live.connect();
  FakeSocket.made[0].serverCloses(1006);
  live.stop();
  env.timers[0].fn();
  assert.equal(FakeSocket.made.length, 1, 'the cancelled retry did not connect');
  assert.deepEqual(log.closedFor, []);
});

test('a connection dropped right after it opened keeps backing off; one that lasted starts afresh', () => {
  FakeSocket.made = [];
  const env = fakeEnv();
  const { handlers } = recorder();
  const live = new LiveConnection('ws://h', handlers, env);
  live.connect();
  FakeSocket.made[0].serverOpens();
  FakeSocket.made[0].serverCloses(1013);
  env.timers[0].fn();
  FakeSocket.made[1].serverOpens();
  FakeSocket.made[1].serverCloses(1013);
  assert.equal(env.timers[1].ms, 2000, 'accepted then dropped at once: no reset');
  env.timers[1].fn();
  FakeSocket.made[2].serverOpens();
  env.clock += 60000;
  FakeSocket.made[2].serverCloses(1006);
  assert.equal(env.timers[2].ms, 1000, 'a minute open: back to the first step');
});

test('a wake whose sync came back short is followed up soon, a few times, then left to the poll', () => {
  // behind a load balancer the sync may reach an instance that has not heard of the wake's actions yet
  assert.equal(followUpDelay(12, 10, 0), 250);
  assert.equal(followUpDelay(12, 11, 1), 500);
  assert.equal(followUpDelay(12, 10, 3), 2000);
  assert.equal(followUpDelay(12, 10, FOLLOW_UPS), null);
  assert.equal(followUpDelay(12, 12, 0), null, 'the promise is kept');
  assert.equal(followUpDelay(12, 15, 0), null);
  assert.equal(followUpDelay(0, 10, 0), null, 'no promise');
});
