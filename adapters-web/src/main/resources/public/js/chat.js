// One therapy session's chat: the action log kept in sync by polling and live wakes, the user's
// queue, read receipts. No DOM here: the view renders `chat.state` and calls the methods below.
import { api, ApiError } from './api.js';
import { LiveConnection, decideWake, followUpDelay, liveUrl } from './live.js';
import { emptyTimeline, mergeActions, touchesDetails, indexTimeline, updateIndex } from './state/timeline.js';
import { enqueue, toSend, settle, retry, discard, waiting, arrived } from './state/queue.js';
import { GROUP, recipientsFor } from './state/conversations.js';
import { readDraft, writeDraft, draftedConversations } from './state/drafts.js';
import { messageEvents, detailEvents } from './state/attention.js';

const FULL_ANSWER = 500;
// the server forgets a waiting page not heard from for 60 s
const WAITING_CHECK_MS = 30000;

export class Chat {
  constructor(ts, me, intervals, hooks) {
    this.ts = ts;
    this.me = me.user;
    this.pollMs = intervals.pollIntervalMs || 5000;
    this.livePollMs = intervals.livePollIntervalMs || 25000;
    this.hooks = hooks;
    this.queueKey = `tc.queue.${ts}`;
    this.readKey = `tc.read.${ts}`;
    this.state = {
      timeline: emptyTimeline(),
      index: indexTimeline(emptyTimeline()),
      queue: JSON.parse(sessionStorage.getItem(this.queueKey) || '[]'),
      readHere: new Set(JSON.parse(sessionStorage.getItem(this.readKey) || '[]')),
      // a conversation started here and left with a draft (no message yet) is still there after a reload
      detail: null, current: GROUP, opened: draftedConversations(sessionStorage, this.me.id, ts).filter((k) => k !== GROUP),
      replyTo: null, live: 'closed', offline: false, error: '',
    };
    this.timer = null;
    this.inFlight = false;
    this.again = false;
    this.detailsChanged = false;
    this.unrendered = null;
    // what the first sync brings is history: only what comes after it asks for attention
    this.caughtUp = false;
    this.stopped = false;
    this.live = new LiveConnection(liveUrl(location, ts), {
      onWake: (frame) => this.wake(frame),
      onOpenChange: (open) => this.liveChanged(open),
      // logged out (4401) or no longer allowed in (4403): the sync's 401/403 leads out of the chat
      onClosedFor: () => this.sync(),
    });
  }

  get maxID() {
    return this.state.timeline.maxID;
  }

  /** A new state; the page renders it unless `quiet` (a catch-up that has more to fetch renders once, at its end). */
  update(patch, quiet = false) {
    this.state = { ...this.state, ...patch };
    if ('queue' in patch) sessionStorage.setItem(this.queueKey, JSON.stringify(this.state.queue));
    if (!this.stopped && !quiet) this.hooks.onChange();
  }

  /**
   * While the live socket is open a poll is only a safety net; actions still waiting to be sent
   * (a sync failed) are retried at the normal poll interval whatever the socket says.
   */
  get interval() {
    return this.live.open && !waiting(this.state.queue) ? this.livePollMs : this.pollMs;
  }

  /** A wake frame: apply what it carries when it follows on from what we have, else sync now. */
  wake(frame) {
    const decision = decideWake(this.maxID, frame);
    if (decision === 'apply') this.merge(frame.data, frame.maxID);
    else if (decision === 'sync') {
      // the sync must bring at least this much; if it does not, it is asked again shortly
      this.promised = Math.max(this.promised || 0, frame.maxID);
      this.sync();
    }
  }

  /** The socket opened (sync now: what came while it was down is in no wake) or closed (poll at the short interval). */
  liveChanged(open) {
    this.update({ live: open ? 'open' : 'closed' });
    if (this.stopped) return;
    if (open) {
      this.sync();
    } else if (!this.inFlight) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.sync(), this.interval);
    }
  }

  async start() {
    await this.loadDetail();
    await this.sync();
    this.live.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.soon);
    clearTimeout(this.waitingCheck);
    this.live.stop();
  }

  /** A message into the current conversation (the research fields the original client recorded come along). */
  send(body, research) {
    if (!body.trim()) return;
    // a reply takes its target's audience on the server, so it stays in that conversation
    const recipients = this.state.replyTo ? [] : recipientsFor(this.state.current, this.me.id);
    this.add({ type: 'message', recipients, body, target: this.state.replyTo, ...research });
    this.keepDraft(this.state.current, '');
    this.update({ replyTo: null });
  }

  /** What was typed and not sent in a conversation, in this tab. */
  draft(key) {
    return readDraft(sessionStorage, this.me.id, this.ts, key);
  }

  keepDraft(key, text) {
    writeDraft(sessionStorage, this.me.id, this.ts, key, text);
  }

  react(target, icon) {
    const mine = this.state.index.reactions.get(target)?.get(icon);
    if (!mine || !mine.has(this.me.id)) this.add({ type: 'reaction', icon, target });
  }

  remove(target) {
    this.add({ type: 'delete', target });
  }

  retry(clientId) {
    this.update({ queue: retry(this.state.queue, clientId) });
    this.sync();
  }

  discard(clientId) {
    this.update({ queue: discard(this.state.queue, clientId) });
  }

  add(action) {
    this.update({ queue: enqueue(this.state.queue, action, newClientId(), new Date().toISOString()) });
    this.sync();
  }

  open(key) {
    const opened = this.state.opened.includes(key) ? this.state.opened : [...this.state.opened, key];
    this.update({ current: key, opened, replyTo: null });
  }

  setReply(id) {
    this.update({ replyTo: id });
  }

  /** Polls never overlap: the next one is scheduled when this one ends. */
  async sync() {
    if (this.stopped) return;
    if (this.inFlight) { this.again = true; return; }
    this.inFlight = true;
    clearTimeout(this.timer);
    try {
      const reply = (await api.sync(this.ts, this.maxID, toSend(this.state.queue))).body;
      // a full answer means there is more: fetch it now rather than a poll interval later, and
      // render once the chat has caught up rather than after every answer
      const more = reply.data.length >= FULL_ANSWER;
      this.update({ offline: false, queue: settle(this.state.queue, reply.accepted, reply.rejected) }, true);
      this.merge(reply.data, reply.maxID, more);
      if (more) this.again = true;
      else this.caughtUp = true;
    } catch (e) {
      if (this.failed(e)) return;
    } finally {
      this.inFlight = false;
    }
    if (this.stopped) return;
    if (this.again) { this.again = false; this.sync(); return; }
    this.timer = setTimeout(() => this.sync(), this.nextSyncDelay());
  }

  /**
   * The poll interval, or sooner while a wake's promise is unkept: behind a load balancer the sync
   * may have reached an instance that had not yet heard of what the wake announced.
   */
  nextSyncDelay() {
    const delay = followUpDelay(this.promised || 0, this.maxID, this.followUps || 0);
    if (delay === null) {
      // kept, or the tries are spent: the poll is the safety net from here
      this.promised = 0;
      this.followUps = 0;
      return this.interval;
    }
    this.followUps = (this.followUps || 0) + 1;
    return Math.min(delay, this.interval);
  }

  /** True when the chat must close. A network failure only shows the banner; the queue is kept. */
  failed(e) {
    if (e instanceof ApiError && e.status === 401) { this.stop(); this.hooks.onUnauthenticated(); return true; }
    if (e instanceof ApiError && e.status === 403) {
      this.stop();
      this.hooks.onExit(e.body.error === 'revoked' ? 'removed' : e.body);
      return true;
    }
    this.update({ offline: true });
    return false;
  }

  merge(data, maxID, quiet = false) {
    const started = performance.now();
    this.detailsChanged = this.detailsChanged || touchesDetails(data);
    if (this.caughtUp) {
      const events = messageEvents(data.filter((a) => !this.state.timeline.byId.has(a.id)), this.me.id);
      if (events.length) this.hooks.onEvents(events);
    }
    if (data.length > 0 || maxID > this.maxID) {
      const timeline = mergeActions(this.state.timeline, data, maxID);
      const index = data.length ? updateIndex(this.state.index, timeline, data) : this.state.index;
      // our own actions in a wake frame are sent, even before the answer to the sync that sent them
      const queue = arrived(this.state.queue, data);
      this.update(queue === this.state.queue ? { timeline, index } : { timeline, index, queue }, true);
    }
    // what a catch-up merged quietly is rendered (and measured) with its last answer
    const batch = this.unrendered || { count: 0, ms: 0 };
    this.unrendered = quiet ? { count: batch.count + data.length, ms: batch.ms + performance.now() - started } : null;
    if (quiet || this.stopped) return;
    this.hooks.onChange();
    // the page renders synchronously in onChange(): this is merge + render, read by the browser tests
    const count = batch.count + data.length;
    if (count) performance.mark('tc-merge', { detail: { count, ms: batch.ms + performance.now() - started } });
    if (this.detailsChanged) {
      this.detailsChanged = false;
      this.loadDetail();
    }
  }

  async loadDetail() {
    try {
      const before = this.state.detail;
      const detail = (await api.detail(this.ts)).body;
      this.update({ detail });
      const events = detailEvents(before, detail, this.isTherapist);
      if (events.length) this.hooks.onEvents(events);
      // a waiting page closed without "Back" announces nothing: look again while anyone waits
      clearTimeout(this.waitingCheck);
      if (this.isTherapist && !this.stopped && detail.members.some((m) => m.waiting)) {
        this.waitingCheck = setTimeout(() => this.loadDetail(), WAITING_CHECK_MS);
      }
    } catch (e) {
      this.failed(e);
    }
  }

  get isTherapist() {
    const mine = this.state.detail?.members.find((m) => m.id === this.me.id);
    return Boolean(mine && mine.role === 'therapist');
  }

  async therapistCall(call) {
    try {
      await call();
      await this.loadDetail();
      this.sync();
    } catch (e) {
      if (!this.failed(e)) this.update({ error: 'callFailed' });
    }
  }

  whiteboard(text) { return this.therapistCall(() => api.whiteboard(this.ts, text)); }
  admit(user) { return this.therapistCall(() => api.admit(this.ts, user)); }
  revoke(user) { return this.therapistCall(() => api.revoke(this.ts, user)); }
  end() { return this.therapistCall(() => api.end(this.ts)); }

  async leave() {
    this.stop();
    try { await api.leave(this.ts); } catch (ignored) { /* leaving anyway */ }
    this.hooks.onExit('');
  }

  /** Messages of others scrolled into view: read receipts go out within 300 ms (batched). */
  seen(ids) {
    const fresh = ids.filter((id) => !this.state.readHere.has(id));
    if (fresh.length === 0) return;
    const readHere = new Set(this.state.readHere);
    let queue = this.state.queue;
    for (const id of fresh) {
      readHere.add(id);
      queue = enqueue(queue, { type: 'message_read', target: id }, newClientId(), new Date().toISOString());
    }
    sessionStorage.setItem(this.readKey, JSON.stringify(Array.from(readHere)));
    this.update({ readHere, queue });
    if (this.soon) return;
    this.soon = setTimeout(() => { this.soon = null; this.sync(); }, 300);
  }

  /** A listed member's display name, or null (a notice then keeps the name it was written with). */
  memberName(userId) {
    const member = this.state.detail?.members.find((m) => m.id === userId);
    return member ? member.displayName : null;
  }

  name(userId) {
    if (!userId) return 'TherapyChat';
    const member = this.state.detail?.members.find((m) => m.id === userId);
    return member ? member.displayName : userId;
  }
}

function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
