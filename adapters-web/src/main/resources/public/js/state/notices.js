// What a notice says, in the viewer's language. The server stores what happened (notice_kind, and
// who in names); only free text typed by staff or a therapist is shown as typed. A notice from a
// server that sends no kind is shown as its text.

const ENGLISH_SUFFIX = { joined: ' has joined the session', left: ' has left the session' };

/** The name a presence notice was written with, for a member the client no longer lists. */
function nameInBody(body, kind) {
  const suffix = ENGLISH_SUFFIX[kind];
  return typeof body === 'string' && body.endsWith(suffix) ? body.slice(0, -suffix.length) : null;
}

/**
 * @param s the viewer's strings
 * @param notice a notice action as the server sends it
 * @param nameOf a member's display name by user id, or null when not a listed member
 */
export function noticeText(s, notice, nameOf) {
  const kind = notice.notice_kind;
  if (kind === 'session_ended') return s.noticeEnded;
  if (kind === 'joined' || kind === 'left') {
    const user = notice.names && notice.names.user;
    const name = (user && nameOf(user)) || nameInBody(notice.body, kind) || user || '';
    return kind === 'joined' ? s.noticeJoined(name) : s.noticeLeft(name);
  }
  return notice.body;
}
