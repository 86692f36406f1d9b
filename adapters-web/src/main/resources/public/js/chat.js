// One therapy session's chat: the action log kept in sync by polling, the user's queue, and the view.
import { api, ApiError } from './api.js';
import { $, el, show, notify, formatTime, formatDate } from './dom.js';
import { ActionQueue } from './queue.js';
import { LiveConnection, decideWake, liveUrl } from './live.js';

const ICONS = { heart: '❤️', smile: '😊', sad: '😢', angry: '😠' };

export class Chat {
  constructor(ts, me, intervals, hooks) {
    this.ts = ts;
    this.me = me.user;
    this.pollMs = intervals.pollIntervalMs || 5000;
    this.livePollMs = intervals.livePollIntervalMs || 25000;
    this.hooks = hooks;
    this.queue = new ActionQueue(ts);
    this.actions = new Map();
    this.maxID = 0;
    this.detail = null;
    this.replyTo = null;
    this.timer = null;
    this.inFlight = false;
    this.again = false;
    this.stopped = false;
    this.readKey = `tc.read.${ts}`;
    this.readSent = new Set(JSON.parse(sessionStorage.getItem(this.readKey) || '[]'));
    this.composer = { history: [], startedAt: null };
    this.observer = new IntersectionObserver((entries) => this.seen(entries), { threshold: 0.6 });
    this.controller = new AbortController();
    this.live = new LiveConnection(liveUrl(location, ts), {
      onWake: (frame) => this.wake(frame),
      onOpenChange: (open) => this.liveChanged(open),
      // logged out (4401) or no longer allowed in (4403): the sync's 401/403 leads out of the chat
      onClosedFor: () => this.sync(),
    });
  }

  /**
   * While the live socket is open a poll is only a safety net; actions still waiting to be sent
   * (a sync failed) are retried at the normal poll interval whatever the socket says.
   */
  get interval() {
    return this.live.open && this.queue.items.length === 0 ? this.livePollMs : this.pollMs;
  }

  /** A wake frame: apply what it carries when it follows on from what we have, else sync now. */
  wake(frame) {
    const decision = decideWake(this.maxID, frame);
    if (decision === 'apply') this.merge(frame.data, frame.maxID);
    else if (decision === 'sync') this.sync();
  }

  /**
   * The socket opened (sync now: what came while it was down is not in any wake) or closed (the
   * next poll comes at the short interval).
   */
  liveChanged(open) {
    $('chat').dataset.live = open ? 'open' : 'closed';
    if (this.stopped) return;
    if (open) {
      this.sync();
    } else if (!this.inFlight) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.sync(), this.interval);
    }
  }

  async start() {
    history.replaceState(null, '', `${location.pathname}?ts=${encodeURIComponent(this.ts)}`);
    show('chat');
    this.wire();
    await this.loadDetail();
    await this.sync();
    this.live.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.observer.disconnect();
    this.controller.abort();
    this.live.stop();
    $('offline').hidden = true;
  }

  wire() {
    const signal = this.controller.signal;
    $('composer').addEventListener('submit', (e) => { e.preventDefault(); this.send(); }, { signal });
    $('body').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); this.send(); }
    }, { signal });
    $('body').addEventListener('beforeinput', (e) => this.record(e), { signal });
    $('cancel-reply').addEventListener('click', () => this.setReply(null), { signal });
    $('leave').addEventListener('click', () => this.leave(), { signal });
    for (const radio of document.querySelectorAll('input[name=audience]')) {
      radio.addEventListener('change', () => { $('recipient-list').hidden = radio.value === 'all' && radio.checked; }, { signal });
    }
    $('whiteboard-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.therapistCall(() => api.whiteboard(this.ts, $('whiteboard-text').value));
    }, { signal });
    $('end-session').addEventListener('click', () => {
      if (confirm('End this session for everyone?')) this.therapistCall(() => api.end(this.ts));
    }, { signal });
  }

  /** The research data the original client recorded: every keystroke, and the time to write. */
  record(event) {
    if (this.composer.startedAt === null) this.composer.startedAt = performance.now();
    if (event.inputType === 'deleteContentBackward') this.composer.history.push('Backspace');
    else if (event.inputType === 'insertLineBreak' || event.inputType === 'insertParagraph') this.composer.history.push('Enter');
    else if (event.data) this.composer.history.push(...Array.from(event.data));
  }

  send() {
    const body = $('body').value;
    if (!body.trim()) return;
    const privateTo = document.querySelector('input[name=audience]:checked').value === 'private';
    const recipients = privateTo
      ? Array.from(document.querySelectorAll('#recipient-list input:checked')).map((c) => c.value) : [];
    if (privateTo && recipients.length === 0) {
      notify('Choose who should get this private message.');
      return;
    }
    const elapsed = this.composer.startedAt === null ? 0 : Math.round(performance.now() - this.composer.startedAt);
    this.queue.add({
      type: 'message', recipients, body, target: this.replyTo,
      character_history: this.composer.history.slice(0, 20000), time_to_complete: `${elapsed}ms`,
    });
    $('body').value = '';
    this.composer = { history: [], startedAt: null };
    this.setReply(null);
    notify('');
    this.render();
    this.sync();
  }

  act(action) {
    this.queue.add(action);
    this.render();
    this.sync();
  }

  /** Polls never overlap: the next one is scheduled when this one ends. */
  async sync() {
    if (this.stopped) return;
    if (this.inFlight) { this.again = true; return; }
    this.inFlight = true;
    clearTimeout(this.timer);
    try {
      const batch = this.queue.batch();
      const reply = (await api.sync(this.ts, this.maxID, batch)).body;
      $('offline').hidden = true;
      this.queue.settle(reply.accepted, reply.rejected);
      for (const r of reply.rejected) notify(`Not sent: ${r.message}`);
      this.merge(reply.data, reply.maxID);
    } catch (e) {
      if (this.failed(e)) return;
    } finally {
      this.inFlight = false;
    }
    if (this.stopped) return;
    if (this.again) { this.again = false; this.sync(); return; }
    this.timer = setTimeout(() => this.sync(), this.interval);
  }

  /** True when the chat must close. A network failure only shows the banner; the queue is kept. */
  failed(e) {
    if (e instanceof ApiError && e.status === 401) { this.stop(); this.hooks.onUnauthenticated(); return true; }
    if (e instanceof ApiError && e.status === 403) {
      this.stop();
      this.hooks.onExit(e.body.error === 'revoked' ? 'A therapist has removed you from this session.' : e.body.message);
      return true;
    }
    $('offline').hidden = false;
    return false;
  }

  merge(data, maxID) {
    let detailChanged = false;
    for (const action of data) {
      const known = this.actions.get(action.id);
      // a late copy never brings back a body that a delete already removed
      this.actions.set(action.id, known && known.deleted ? { ...action, deleted: true, body: null } : action);
      if (action.type === 'delete' && this.actions.has(action.target)) {
        const target = this.actions.get(action.target);
        this.actions.set(action.target, { ...target, deleted: true, body: null });
      }
      if (action.type === 'update_chat_details' || action.type === 'notice') detailChanged = true;
    }
    this.maxID = Math.max(this.maxID, maxID);
    if (detailChanged) this.loadDetail();
    if (data.length > 0 || this.queue.items.length > 0) this.render();
  }

  async loadDetail() {
    try {
      this.detail = (await api.detail(this.ts)).body;
    } catch (e) {
      this.failed(e);
      return;
    }
    const d = this.detail;
    $('chat-title').textContent = d.name;
    $('chat-meta').textContent = `${formatDate(d.date)} · ${d.status}${d.topic ? ` · ${d.topic}` : ''}`;
    $('whiteboard').hidden = !d.whiteboard;
    $('whiteboard').textContent = d.whiteboard;
    const mine = d.members.find((m) => m.id === this.me.id);
    this.isTherapist = Boolean(mine && mine.role === 'therapist');
    $('therapist-tools').hidden = !this.isTherapist || d.status === 'ended';
    const ended = d.status === 'ended';
    for (const control of $('composer').querySelectorAll('textarea, button, input')) control.disabled = ended;
    if (ended) notify('This session has ended. You can still read the chat.', 'info');
    this.renderMembers();
    this.render();
  }

  renderMembers() {
    const list = $('members');
    list.replaceChildren();
    const recipients = $('recipient-list');
    const checked = new Set(Array.from(recipients.querySelectorAll('input:checked')).map((c) => c.value));
    recipients.replaceChildren();
    let present = 0;
    for (const m of this.detail.members) {
      if (m.present) present += 1;
      const item = el('li', {}, el('span', { class: m.present ? 'dot on' : 'dot', 'aria-hidden': 'true' }),
        el('span', { text: `${m.displayName}${m.role === 'therapist' ? ' (therapist)' : ''}${m.present ? ' — here' : ''}` }));
      if (this.isTherapist && m.role !== 'therapist') {
        item.append(el('button', { type: 'button', class: 'small', text: m.admitted ? 'Remove' : 'Admit',
          onclick: () => this.therapistCall(() => (m.admitted ? api.revoke(this.ts, m.id) : api.admit(this.ts, m.id))) }));
      }
      list.append(item);
      if (m.id !== this.me.id) {
        const id = `to-${m.id}`;
        const box = el('input', { type: 'checkbox', id, value: m.id });
        box.checked = checked.has(m.id);
        recipients.append(el('label', { for: id }, box, ` ${m.displayName}`));
      }
    }
    $('present-count').textContent = String(present);
  }

  async therapistCall(call) {
    try {
      await call();
      await this.loadDetail();
      this.sync();
    } catch (e) {
      if (!this.failed(e)) notify('That did not work. Please try again.');
    }
  }

  async leave() {
    this.stop();
    try { await api.leave(this.ts); } catch (ignored) { /* leaving anyway */ }
    this.hooks.onExit('');
  }

  name(userId) {
    if (!userId) return 'TherapyChat';
    const member = this.detail && this.detail.members.find((m) => m.id === userId);
    return member ? member.displayName : userId;
  }

  setReply(id) {
    this.replyTo = id;
    $('replying').hidden = id === null;
    if (id !== null) {
      const target = this.actions.get(id);
      $('replying-text').textContent = `Replying to ${this.name(target.user)}: ${target.body || ''}`;
      $('body').focus();
    }
  }

  render() {
    const list = $('messages');
    const atBottom = list.getBoundingClientRect().bottom <= window.innerHeight + 80;
    const reactions = new Map();
    const reads = new Map();
    for (const a of this.actions.values()) {
      if (a.type === 'reaction') {
        const key = `${a.target}:${a.icon}`;
        if (!reactions.has(key)) reactions.set(key, new Set());
        reactions.get(key).add(a.user);
      } else if (a.type === 'message_read') {
        if (!reads.has(a.target)) reads.set(a.target, new Set());
        reads.get(a.target).add(a.user);
      }
    }
    this.observer.disconnect();
    list.replaceChildren();
    const ordered = Array.from(this.actions.values()).sort((x, y) => x.id - y.id);
    for (const a of ordered) {
      if (a.type === 'message') list.append(this.messageItem(a, reactions, reads));
      else if (a.type === 'notice') list.append(el('li', { class: 'msg notice-line', text: a.body }));
    }
    for (const q of this.queue.items.filter((i) => i.type === 'message')) {
      list.append(el('li', { class: `msg mine${q.recipients.length ? ' private' : ''}` },
        el('span', { class: 'who', text: this.me.displayName }),
        el('div', { class: 'text', text: q.body }),
        el('span', { class: 'sending', text: 'sending…' })));
    }
    if (atBottom) list.lastElementChild?.scrollIntoView({ block: 'end' });
  }

  messageItem(a, reactions, reads) {
    const mine = a.user === this.me.id;
    const item = el('li', { class: `msg${mine ? ' mine' : ''}${a.recipients.length ? ' private' : ''}`, 'data-id': String(a.id) });
    if (a.recipients.length) {
      const others = a.recipients.filter((r) => r !== this.me.id).map((r) => this.name(r));
      const label = mine ? `Private to ${others.join(', ')}` : `Private message${others.length ? ` (also to ${others.join(', ')})` : ' to you'}`;
      item.append(el('span', { class: 'label', text: label }));
    }
    if (a.target && this.actions.has(a.target)) {
      const t = this.actions.get(a.target);
      item.append(el('div', { class: 'quote', text: `${this.name(t.user)}: ${t.deleted ? 'deleted message' : t.body}` }));
    }
    item.append(el('span', { class: 'who', text: this.name(a.user) }), el('time', { class: 'when', datetime: a.timestamp, text: formatTime(a.timestamp) }));
    if (a.deleted) {
      item.append(el('div', { class: 'deleted', text: 'This message was deleted.' }));
      return item;
    }
    item.append(el('div', { class: 'text', text: a.body }));
    const tools = el('div', { class: 'tools' });
    for (const [icon, glyph] of Object.entries(ICONS)) {
      const who = reactions.get(`${a.id}:${icon}`) || new Set();
      tools.append(el('button', { type: 'button', class: 'small', 'aria-label': `React ${icon} (${who.size})`,
        'aria-pressed': String(who.has(this.me.id)), text: `${glyph} ${who.size || ''}`.trim(),
        onclick: () => { if (!who.has(this.me.id)) this.act({ type: 'reaction', icon, target: a.id }); } }));
    }
    tools.append(el('button', { type: 'button', class: 'small reply', text: 'Reply', onclick: () => this.setReply(a.id) }));
    if (mine || this.isTherapist) {
      tools.append(el('button', { type: 'button', class: 'small delete', text: 'Delete',
        onclick: () => { if (confirm('Delete this message?')) this.act({ type: 'delete', target: a.id }); } }));
    }
    item.append(tools);
    const seenBy = Array.from(reads.get(a.id) || []).filter((u) => u !== a.user).map((u) => this.name(u));
    if (seenBy.length) item.append(el('div', { class: 'seen', text: `Seen by ${seenBy.join(', ')}` }));
    if (!mine && !this.readSent.has(a.id)) this.observer.observe(item);
    return item;
  }

  /** Sends message_read once for each message of others that scrolled into view. */
  seen(entries) {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const id = Number(entry.target.getAttribute('data-id'));
      this.observer.unobserve(entry.target);
      if (this.readSent.has(id)) continue;
      this.readSent.add(id);
      sessionStorage.setItem(this.readKey, JSON.stringify(Array.from(this.readSent)));
      this.queue.add({ type: 'message_read', target: id });
      this.syncSoon();
    }
  }

  /** Read receipts go out within a moment (batched), not at the next poll, which may be 25 s away. */
  syncSoon() {
    if (this.soon) return;
    this.soon = setTimeout(() => { this.soon = null; this.sync(); }, 300);
  }
}
