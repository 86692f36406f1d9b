// Small form components in the GOV.UK Design System's pattern: a label, a hint, the error next to
// the field, and a summary of every error at the top that links to each field.
import { html, useEffect, useRef } from '/vendor/htm-preact.js';

export function Field({ id, label, hint, error, children }) {
  return html`<div class=${error ? 'field has-error' : 'field'}>
    <label for=${id}>${label}</label>
    ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
    ${error && html`<p class="error-message" id=${`${id}-error`}><span class="visually-hidden">Error: </span>${error}</p>`}
    ${children}
  </div>`;
}

export function describedBy(id, hint, error) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A text input with its label, hint and error; {@code onValue} gets the new text. */
export function TextField({ id, label, hint, error, value, onValue, type = 'text', autocomplete = 'off', inputmode, width }) {
  return html`<${Field} id=${id} label=${label} hint=${hint} error=${error}>
    <input id=${id} name=${id} type=${type} value=${value} autocomplete=${autocomplete} inputmode=${inputmode}
      class=${width ? `input w-${width}` : 'input'} aria-invalid=${error ? 'true' : undefined}
      aria-describedby=${describedBy(id, hint, error)} onInput=${(e) => onValue(e.currentTarget.value)} />
  <//>`;
}

/** Errors as {field, message}; each links to the element with id prefix + field (or {@code fallback}). */
export function ErrorSummary({ errors, prefix, fallback }) {
  const box = useRef(null);
  useEffect(() => {
    if (errors.length && box.current) box.current.focus();
  }, [errors]);
  if (!errors.length) return null;
  const focus = (event, target) => {
    event.preventDefault();
    const node = document.getElementById(target);
    if (node) node.focus();
  };
  return html`<div class="error-summary" role="alert" tabindex="-1" ref=${box} aria-labelledby=${`${prefix}summary-title`}>
    <h2 id=${`${prefix}summary-title`}>There is a problem</h2>
    <ul>${errors.map((e, i) => {
      const target = e.field ? `${prefix}${e.field}` : fallback;
      return html`<li key=${i}>${target ? html`<a href=${`#${target}`} onClick=${(ev) => focus(ev, target)}>${e.text || e.message}</a>` : e.message}</li>`;
    })}</ul>
  </div>`;
}

/** A confirmation that takes focus, so the keyboard continues from what just happened. */
export function Banner({ message }) {
  const box = useRef(null);
  useEffect(() => { if (message && box.current) box.current.focus(); }, [message]);
  if (!message) return null;
  return html`<div class="banner-ok" role="status" tabindex="-1" ref=${box}>${message}</div>`;
}

/** A heading that takes focus when its screen opens, so a keyboard or screen-reader user starts there. */
export function ScreenTitle({ children }) {
  const heading = useRef(null);
  useEffect(() => { if (heading.current) heading.current.focus(); }, []);
  return html`<h1 tabindex="-1" ref=${heading}>${children}</h1>`;
}

/** A panel's heading that takes focus when the panel opens (and scrolls it into view). */
export function PanelTitle({ id, children }) {
  const heading = useRef(null);
  useEffect(() => { if (heading.current) heading.current.focus(); }, []);
  return html`<h2 id=${id} tabindex="-1" ref=${heading}>${children}</h2>`;
}
