// The user's unsent actions. Kept in sessionStorage until a sync accepts them, so a failed
// poll or a page reload loses nothing; resent with the same clientId, which the server
// answers with the original id instead of storing twice.

export class ActionQueue {
  constructor(ts) {
    this.key = `tc.queue.${ts}`;
    this.items = JSON.parse(sessionStorage.getItem(this.key) || '[]');
  }

  add(action) {
    const item = { clientId: newClientId(), client_ts: new Date().toISOString(), ...action };
    this.items.push(item);
    this.save();
    return item;
  }

  /** At most 100 per sync, as the server allows. */
  batch() {
    return this.items.slice(0, 100);
  }

  settle(accepted, rejected) {
    const done = new Set([...accepted, ...rejected].map((a) => a.clientId));
    this.items = this.items.filter((i) => !done.has(i.clientId));
    this.save();
  }

  save() {
    sessionStorage.setItem(this.key, JSON.stringify(this.items));
  }
}

function newClientId() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
