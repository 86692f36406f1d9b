// The server's JSON API. Every write carries X-Requested-With (the CSRF guard asks for it).

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

/** A call to our own API: JSON unless `contentType` says otherwise (the console sends a CSV roster). */
export async function call(method, path, body, contentType = 'application/json') {
  const init = { method, credentials: 'same-origin', headers: { 'X-Requested-With': 'TherapyChat' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = contentType === 'application/json' ? JSON.stringify(body) : body;
  }
  const response = await fetch(path, init);
  let json = null;
  try {
    json = await response.json();
  } catch (ignored) {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return { status: response.status, body: json };
}

export const api = {
  start: (phone, identifier) => call('POST', '/api/login/start', { phone, identifier }),
  resend: () => call('POST', '/api/login/resend'),
  verify: (code) => call('POST', '/api/login/verify', { code }),
  logout: () => call('POST', '/api/logout'),
  me: () => call('GET', '/api/me'),
  sessions: () => call('GET', '/api/therapy-sessions'),
  detail: (ts) => call('GET', `/api/therapy-sessions/${encodeURIComponent(ts)}`),
  enter: (ts) => call('POST', `/api/therapy-sessions/${encodeURIComponent(ts)}/enter`),
  leave: (ts) => call('POST', `/api/therapy-sessions/${encodeURIComponent(ts)}/leave`),
  sync: (ts, maxID, actionQueue) =>
    call('POST', `/api/therapy-sessions/${encodeURIComponent(ts)}/actions/sync`, { maxID, actionQueue }),
  admit: (ts, user) => call('POST', `/api/therapy-sessions/${encodeURIComponent(ts)}/admit/${encodeURIComponent(user)}`),
  revoke: (ts, user) => call('POST', `/api/therapy-sessions/${encodeURIComponent(ts)}/revoke/${encodeURIComponent(user)}`),
  whiteboard: (ts, text) => call('PUT', `/api/therapy-sessions/${encodeURIComponent(ts)}/whiteboard`, { text }),
  end: (ts) => call('POST', `/api/therapy-sessions/${encodeURIComponent(ts)}/end`),
};
