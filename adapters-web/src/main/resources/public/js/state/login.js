// The login form's own state: what was typed survives a refused code, so starting over is one tap.

/** Nothing typed yet (a fresh page, or after a logout on a shared phone). */
export const emptyLogin = Object.freeze({ phone: '', identifier: '', sentTo: '' });

/** The form as the user types. */
export function typed(login, field, value) {
  return { ...login, [field]: value };
}

/** A code is on its way: the code screen names the (masked) number the server says it went to. */
export function codeSent(login, reply) {
  return { ...login, sentTo: typeof reply.sentTo === 'string' ? reply.sentTo : '' };
}

/**
 * The server refused a code and voided the login (`restart`): phone and last name stay filled in,
 * and the notice says how many codes are left this hour when the server told.
 */
export function codeRefused(login, reply) {
  const left = Number.isInteger(reply.codesLeft) && reply.codesLeft >= 0 ? reply.codesLeft : null;
  return { login: { ...login, sentTo: '' }, notice: left === null ? (s) => s.codeFailed : (s) => s.codeDidNotMatch(left) };
}
