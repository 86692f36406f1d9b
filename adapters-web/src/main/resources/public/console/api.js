// The server's JSON API as the console uses it, over the chat client's call (X-Requested-With on every write).
import { ApiError, call as send } from '../js/api.js';

export { ApiError };

/** The console wants the answer's JSON only; errors are the chat client's ApiError. */
const call = (...args) => send(...args).then((reply) => reply.body);

const enc = encodeURIComponent;
const ts = (id) => `/admin/therapy-sessions/${enc(id)}`;

export const api = {
  start: (phone, identifier) => call('POST', '/api/login/start', { phone, identifier }),
  resend: () => call('POST', '/api/login/resend'),
  verify: (code) => call('POST', '/api/login/verify', { code }),
  logout: () => call('POST', '/api/logout'),
  me: () => call('GET', '/api/me'),
  users: (query) => call('GET', `/admin/users?query=${enc(query || '')}`),
  putUser: (id, body) => call('PUT', `/admin/users/${enc(id)}`, body),
  importUsers: (csv) => call('POST', '/admin/users/import', csv, 'text/csv'),
  sessions: () => call('GET', '/admin/therapy-sessions'),
  session: (id) => call('GET', ts(id)),
  putSession: (id, body) => call('PUT', ts(id), body),
  putAssessments: (id, user, assessments) => call('PUT', `${ts(id)}/assessments/${enc(user)}`, { assessments }),
  notice: (id, body) => call('POST', `${ts(id)}/notices`, { body }),
  end: (id) => call('POST', `${ts(id)}/end`),
  now: () => call('GET', '/admin/now'),
  stats: (id) => call('GET', `${ts(id)}/stats`),
  /** Newest first ({ before, limit }), or after an id in id order ({ since, limit }). */
  audit: (query = {}) => call('GET', `/admin/audit?${Object.entries(query).filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`),
  redcap: () => call('GET', '/admin/redcap'),
  redcapSync: () => call('POST', '/admin/redcap/sync'),
  exportUrl: (id, format) => `${ts(id)}/export?format=${format}`,
};

/** A 401 means the login ended: the console shows the login again. */
export function isLoggedOut(error) {
  return error instanceof ApiError && error.status === 401;
}
