// Every error the API can answer, in the viewer's language: the client shows its own text for each
// code (and, for a rejected field, for that field), never the server's English message.

/** Every `error` the API answers: DomainException codes, the web adapter's own, and sync rejections. */
export const API_ERRORS = [
  'unauthenticated', 'invalid_code', 'too_many_codes', 'not_allowed', 'revoked', 'not_entered',
  'waiting_for_admission', 'session_ended', 'assessments_pending', 'not_found', 'validation_failed',
  'invalid_field', 'type_not_allowed', 'unavailable', 'bad_request', 'body_too_large', 'length_required',
  'internal_error',
];

/**
 * @param s the viewer's strings
 * @param body the error answer ({error, field, …}) or a rejected sync entry; anything else gets the general text
 */
export function errorText(s, body) {
  const code = body && typeof body === 'object' ? body.error : null;
  if ((code === 'invalid_field' || code === 'validation_failed') && s.errors.fields[body.field]) {
    return s.errors.fields[body.field];
  }
  return (code && Object.hasOwn(s.errors, code) && code !== 'fields' && s.errors[code]) || s.errors.unknown;
}
