// A staff login: phone number and identifier, then the 6-digit code from the text message.
import { html, useState } from '/vendor/htm-preact.js';
import { api, ApiError } from './api.js';
import { TextField, ErrorSummary, ScreenTitle } from './ui.js';

function problem(error) {
  if (!(error instanceof ApiError)) return { field: null, message: 'We could not reach the server. Check your connection.' };
  if (error.status === 429) {
    const minutes = Math.ceil((error.body.retryAfterSeconds || 60) / 60);
    return { field: null, message: `Too many codes were asked for. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` };
  }
  if (error.body.field === 'phone') return { field: 'phone', message: 'Enter a phone number, like +1 650 555 0100.' };
  return { field: error.body.field || null, message: error.body.message || 'Something went wrong. Try again.' };
}

export function Login({ onLoggedIn }) {
  const [step, setStep] = useState('start');
  const [phone, setPhone] = useState('');
  const [identifier, setIdentifier] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState([]);
  const [info, setInfo] = useState('');

  const start = async (event) => {
    event.preventDefault();
    const found = [];
    if (!phone.trim()) found.push({ field: 'phone', message: 'Enter your phone number.' });
    if (!identifier.trim()) found.push({ field: 'identifier', message: 'Enter your last name.' });
    setErrors(found);
    if (found.length) return;
    try {
      await api.start(phone.trim(), identifier.trim());
      setCode('');
      setInfo('');
      setStep('code');
    } catch (e) {
      setErrors([problem(e)]);
    }
  };
  const verify = async (event) => {
    event.preventDefault();
    if (!/^[0-9]{6}$/.test(code.trim())) {
      setErrors([{ field: 'code', message: 'Enter the 6 digits from the text message.' }]);
      return;
    }
    try {
      await api.verify(code.trim());
      onLoggedIn((await api.me()).user);
    } catch (e) {
      if (e instanceof ApiError && e.body.restart) {
        setStep('start');
        const left = e.body.codesLeft;
        setErrors([{ field: null, message: !Number.isInteger(left) ? 'That code did not work. Start again and we will send a new one.'
          : left > 0 ? `That code did not match. ${left} more code${left === 1 ? '' : 's'} can be sent this hour: press “Send me a code”.`
            : 'That code did not match. No more codes can be sent this hour. Try again later.' }]);
      } else {
        setErrors([problem(e)]);
      }
    }
  };
  const resend = async () => {
    try {
      await api.resend();
      setErrors([]);
      setInfo('We sent a new code.');
    } catch (e) {
      setErrors([problem(e)]);
    }
  };
  const err = (field) => (errors.find((e) => e.field === field) || {}).message;

  if (step === 'code') {
    return html`<${ScreenTitle} key="code">Enter your code<//>
      <${ErrorSummary} errors=${errors} prefix="login-" />
      ${info && html`<p class="banner-ok" role="status">${info}</p>`}
      <p>We sent a 6-digit code to ${phone}. It expires in 10 minutes.</p>
      <form id="code-form" onSubmit=${verify} novalidate>
        <${TextField} id="login-code" label="6-digit code" value=${code} onValue=${setCode} error=${err('code')}
          autocomplete="one-time-code" inputmode="numeric" width="6" />
        <button type="submit">Log in</button>
      </form>
      <p><button type="button" class="link" onClick=${resend}>Did not receive the message? Send it again</button></p>
      <p><button type="button" class="link" onClick=${() => { setErrors([]); setStep('start'); }}>Use another phone number</button></p>`;
  }
  return html`<${ScreenTitle} key="start">Staff console: log in<//>
    <${ErrorSummary} errors=${errors} prefix="login-" />
    <form id="login-form" onSubmit=${start} novalidate>
      <${TextField} id="login-phone" label="Phone number" hint="For international numbers include the country code, like +1."
        type="tel" autocomplete="tel" inputmode="tel" value=${phone} onValue=${setPhone} error=${err('phone')} width="20" />
      <${TextField} id="login-identifier" label="Last name" autocomplete="family-name" value=${identifier}
        onValue=${setIdentifier} error=${err('identifier')} width="20" />
      <button type="submit">Send me a code</button>
    </form>`;
}
