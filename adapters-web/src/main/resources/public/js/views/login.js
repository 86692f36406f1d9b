// Login in two steps, as GOV.UK's patterns have it: one question per field, errors beside the
// field and in a summary at the top.
import { html, useEffect, useRef } from '../../vendor/htm-preact.js';

function ErrorSummary({ s, errors, labels }) {
  const ref = useRef(null);
  const fields = Object.keys(errors);
  useEffect(() => { if (fields.length && ref.current) ref.current.focus(); }, [fields.join()]);
  if (fields.length === 0) return null;
  return html`<div class="error-summary" role="alert" tabindex="-1" ref=${ref} aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${s.errorSummary}</h2>
    <ul>${fields.map((f) => html`<li><a href=${`#${f}`}>${errors[f](s)}</a></li>`)}</ul>
  </div>`;
}

function Field({ id, label, hint, error, s, ...input }) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return html`<div class=${error ? 'field field-error' : 'field'}>
    <label for=${id}>${label}</label>
    ${hint && html`<div id=${`${id}-hint`} class="hint">${hint}</div>`}
    ${error && html`<p id=${`${id}-error`} class="error-message">${error(s)}</p>`}
    <input id=${id} name=${id} aria-describedby=${described} aria-invalid=${error ? 'true' : undefined} ...${input} />
  </div>`;
}

export function LoginScreen({ s, state, actions }) {
  const { login } = state;
  const submit = (e) => {
    e.preventDefault();
    actions.start(e.target.phone.value, e.target.identifier.value);
  };
  const type = (field) => (e) => actions.typeLogin(field, e.target.value);
  // Filled in after a refused code: starting over is the button, one tap or Enter away. The
  // autofocus attribute only works once per page, so focus is moved here (unless errors take it).
  const filled = Boolean(login.phone && login.identifier);
  const send = useRef(null);
  useEffect(() => {
    if (filled && Object.keys(state.errors).length === 0 && send.current) send.current.focus();
  }, []);
  return html`<section class="screen narrow" aria-labelledby="login-title">
    <${ErrorSummary} s=${s} errors=${state.errors} />
    <h1 id="login-title">${s.loginTitle}</h1>
    <form id="login-form" novalidate onSubmit=${submit}>
      <${Field} s=${s} id="phone" label=${s.phone} hint=${s.phoneHint} error=${state.errors.phone}
        type="tel" autocomplete="tel" inputmode="tel" autofocus=${!filled} value=${login.phone} onInput=${type('phone')} />
      <${Field} s=${s} id="identifier" label=${s.lastName} error=${state.errors.identifier}
        type="text" autocomplete="family-name" value=${login.identifier} onInput=${type('identifier')} />
      <button id="send-code" type="submit" ref=${send}>${s.sendCode}</button>
    </form>
  </section>`;
}

/** Where the code went, as the server masked it; a screen reader hears "ending in 0102", not six bullets. */
function CodeSent({ s, masked }) {
  if (!masked) return html`<p id="code-sent">${s.codeSent}</p>`;
  const [before, after] = s.codeSentTo('\u0001').split('\u0001');
  return html`<p id="code-sent">${before}<span aria-hidden="true">${masked}</span><span class="visually-hidden">${
    s.numberEndingIn(masked.slice(-4))}</span>${after}</p>`;
}

export function CodeScreen({ s, state, actions }) {
  useEffect(() => {
    const otp = document.getElementById('otp');
    if (otp && document.activeElement !== otp) otp.focus();
  }, []);
  const submit = (e) => {
    e.preventDefault();
    actions.verify(e.target.otp.value);
  };
  return html`<section class="screen narrow" aria-labelledby="code-title">
    <${ErrorSummary} s=${s} errors=${state.errors} />
    <h1 id="code-title">${s.codeTitle}</h1>
    <${CodeSent} s=${s} masked=${state.login.sentTo} />
    <form id="code-form" novalidate onSubmit=${submit}>
      <${Field} s=${s} id="otp" label=${s.code} error=${state.errors.otp} type="text" autocomplete="one-time-code"
        inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autofocus />
      <button type="submit">${s.logIn}</button>
    </form>
    <p class="resend">
      <button id="resend" type="button" class="link" disabled=${state.countdown > 0} onClick=${actions.resend}>${s.resend}</button>
      <span id="countdown" aria-live="polite">${state.countdown > 0 ? s.askAgainIn(state.countdown) : ''}</span>
    </p>
    <button id="restart" type="button" class="link" onClick=${actions.restart}>${s.anotherNumber}</button>
  </section>`;
}
