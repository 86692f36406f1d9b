// The live connection (SPEC §3.2): a WebSocket that only says when to poll, or hands over what
// the poll would bring. Polling stays the truth: refused or dropped, the chat polls as before
// and this reconnects with jittered backoff. Nothing here touches the page; the chat decides.

export const LOGGED_OUT = 4401;
export const NOT_ALLOWED = 4403;
/** A connection open this long counts as working: the next drop starts the backoff afresh. */
export const STABLE_MS = 10000;

/** Milliseconds before reconnect attempt `attempt` (0-based): doubling from 1 s to 30 s, ±50 % jitter. */
export function backoff(attempt, random = Math.random) {
  const base = Math.min(30000, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.5 + random()));
}

/**
 * What a client whose cursor is `maxID` does with a wake frame: 'apply' its data (everything it may
 * see after `frame.after`, which covers the client's own cursor), 'ignore' it (already has it all),
 * or 'sync' (it missed something in between, or the frame carries no data).
 */
export function decideWake(maxID, frame) {
  if (!frame || frame.type !== 'wake' || typeof frame.maxID !== 'number') return 'ignore';
  if (frame.maxID <= maxID) return 'ignore';
  if (Array.isArray(frame.data) && typeof frame.after === 'number' && frame.after <= maxID) return 'apply';
  return 'sync';
}

/** Tries, after a wake's sync came back short, before leaving the rest to the next poll. */
export const FOLLOW_UPS = 4;

/**
 * A wake promised actions up to `promised`; a sync answered only up to `maxID` (behind a load
 * balancer it may reach an instance that has not heard of them yet). Milliseconds until the
 * follow-up sync number `attempt` (0-based: 250, 500, 1,000, 2,000), or null when the promise is
 * kept or the tries are spent (the poll stays the safety net).
 */
export function followUpDelay(promised, maxID, attempt) {
  if (!(promised > maxID) || attempt >= FOLLOW_UPS) return null;
  return 250 * 2 ** attempt;
}

export class LiveConnection {
  /**
   * @param url ws(s) URL of /api/live?ts=…
   * @param handlers { onWake(frame), onOpenChange(isOpen), onClosedFor(code) } — onClosedFor is
   *   called for 4401/4403, after which this connection stays closed.
   * @param env { WebSocket, setTimeout, clearTimeout, random } for tests; the browser's by default.
   */
  constructor(url, handlers, env = globalThis) {
    this.url = url;
    this.handlers = handlers;
    this.env = env;
    this.socket = null;
    this.open = false;
    this.attempt = 0;
    this.timer = null;
    this.stopped = false;
    this.openedAt = null;
  }

  now() {
    return this.env.now ? this.env.now() : Date.now();
  }

  connect() {
    if (this.stopped) return;
    let socket;
    try {
      socket = new this.env.WebSocket(this.url);
    } catch (e) {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.openedAt = this.now();
      this.setOpen(true);
    };
    socket.onmessage = (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      this.handlers.onWake(frame);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setOpen(false);
      if (event.code === LOGGED_OUT || event.code === NOT_ALLOWED) {
        this.stopped = true;
        this.handlers.onClosedFor(event.code);
        return;
      }
      // Only a connection that lasted resets the backoff: a server that accepts and drops at once
      // (busy, over a cap, restarting) must not get every client back within a second.
      if (this.openedAt !== null && this.now() - this.openedAt >= STABLE_MS) this.attempt = 0;
      this.openedAt = null;
      this.retry();
    };
  }

  retry() {
    if (this.stopped) return;
    const delay = backoff(this.attempt, this.env.random || Math.random);
    this.attempt += 1;
    this.timer = this.env.setTimeout(() => this.connect(), delay);
  }

  setOpen(isOpen) {
    if (this.open === isOpen) return;
    this.open = isOpen;
    this.handlers.onOpenChange(isOpen);
  }

  stop() {
    this.stopped = true;
    this.env.clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = null;
    this.setOpen(false);
    if (socket) socket.close(1000, 'bye');
  }
}

/** The live URL of a therapy session on this page's origin. */
export function liveUrl(location, ts) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/live?ts=${encodeURIComponent(ts)}`;
}
