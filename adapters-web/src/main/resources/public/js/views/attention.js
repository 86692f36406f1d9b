// The attention controls: "Notify me" (asks the browser only when ticked), the therapist's arrival
// sound, and the toast "Ana is waiting" with its Admit button.
import { html, useState } from '../../vendor/htm-preact.js';
import { notifyState, setNotify, soundOn, setSound } from '../attention.js';

/** An hourglass drawn inline (an emoji needs a font that not every phone or headless browser has). */
export function Hourglass() {
  return html`<svg class="hourglass" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
    <path d="M3 1h10v2c0 2-2 3.5-3.5 5C11 9.5 13 11 13 13v2H3v-2c0-2 2-3.5 3.5-5C5 6.5 3 5 3 3z" fill="none" stroke="currentColor" stroke-width="1.6"/>
    <path d="M5.5 13.5 8 11l2.5 2.5z" fill="currentColor"/></svg>`;
}

export function NotifyToggle({ s, id, therapist = false }) {
  const [state, setState] = useState(notifyState);
  const change = async (e) => setState(await setNotify(e.target.checked));
  const hint = state.blocked === 'denied' ? s.notifyBlocked : (state.blocked === 'unsupported' ? s.notifyUnsupported
    : (therapist ? s.notifyHintTherapist : s.notifyHint));
  return html`<div class="toggle">
    <input type="checkbox" id=${id} checked=${state.on} disabled=${state.blocked === 'unsupported'}
      aria-describedby=${`${id}-hint`} onChange=${change} />
    <label for=${id}>${s.notifyMe}</label>
    <p id=${`${id}-hint`} class="meta">${hint}</p>
  </div>`;
}

export function SoundToggle({ s }) {
  const [on, setOn] = useState(soundOn);
  const change = (e) => { setSound(e.target.checked); setOn(e.target.checked); };
  return html`<div class="toggle">
    <input type="checkbox" id="sound-toggle" checked=${on} onChange=${change} />
    <label for="sound-toggle">${s.soundOn}</label>
  </div>`;
}

/** One toast per person waiting, until they are let in, go, or the therapist dismisses it. */
export function WaitingToasts({ s, chat, waiting }) {
  const [dismissed, setDismissed] = useState(() => new Set());
  const shown = waiting.filter((m) => !dismissed.has(m.id));
  return html`<div id="toasts" class="toasts" aria-live="polite">${shown.map((m) => html`<div class="toast" key=${m.id} data-id=${m.id}>
      <${Hourglass} />
      <span class="toast-text">${s.isWaiting(m.displayName)}</span>
      <button type="button" class="toast-admit" onClick=${() => chat.admit(m.id)}>${s.admitName(m.displayName)}</button>
      <button type="button" class="small toast-dismiss" aria-label=${`${s.dismiss}: ${s.isWaiting(m.displayName)}`}
        onClick=${() => setDismissed(new Set(dismissed).add(m.id))}><span aria-hidden="true">×</span></button>
    </div>`)}</div>`;
}
