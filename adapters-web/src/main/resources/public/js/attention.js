// The side effects of attention: the tab title and favicon, notifications (opt-in, asked for only on a
// click), vibration and the therapist's arrival tone. Which events and what words: state/attention.js.
import { faviconHref, pageTitle, notifications, vibration } from './state/attention.js';

const NOTIFY = 'tc.notify';
const SOUND = 'tc.sound';

export function showTitle(s, parts) {
  const title = pageTitle(s, parts);
  if (document.title !== title) document.title = title;
  const icon = document.getElementById('favicon');
  const href = faviconHref(parts.unread || 0);
  if (icon && icon.getAttribute('href') !== href) icon.setAttribute('href', href);
}

/** What the notify toggle shows: on or off, and why it cannot be on. */
export function notifyState() {
  if (typeof Notification === 'undefined') return { on: false, blocked: 'unsupported' };
  if (Notification.permission === 'denied') return { on: false, blocked: 'denied' };
  return { on: localStorage.getItem(NOTIFY) === 'on' && Notification.permission === 'granted', blocked: null };
}

/** Turns notifications on or off: called from the toggle's click, the only place that may ask the browser. */
export async function setNotify(on) {
  if (!on || typeof Notification === 'undefined') {
    localStorage.setItem(NOTIFY, 'off');
    return notifyState();
  }
  if (Notification.permission === 'default') await Notification.requestPermission();
  localStorage.setItem(NOTIFY, Notification.permission === 'granted' ? 'on' : 'off');
  return notifyState();
}

export function soundOn() {
  return localStorage.getItem(SOUND) === 'on';
}

export function setSound(on) {
  localStorage.setItem(SOUND, on ? 'on' : 'off');
  if (on) chime();
}

/** Tells the user of `events` in the way they chose: a notification while the page is hidden, a buzz while it is shown. */
export function tell(events, s, session, name) {
  if (events.length === 0) return;
  const ctx = {
    enabled: localStorage.getItem(NOTIFY) === 'on',
    permission: typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
    visibility: document.visibilityState, session, name,
  };
  for (const n of notifications(events, ctx, s)) {
    try {
      new Notification(n.title, { body: n.body, tag: n.tag, icon: '/favicon.svg' });
    } catch (e) {
      // Chrome on Android shows notifications only through a service worker, which this client has not
    }
  }
  const pattern = vibration(events, ctx);
  if (pattern && typeof navigator.vibrate === 'function') navigator.vibrate(pattern);
  if (soundOn() && events.some((e) => e.kind === 'waiting')) chime();
}

let audio = null;

/** A short soft two-note tone (WebAudio; nothing to download). */
export function chime() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  audio = audio || new Context();
  const start = audio.currentTime;
  for (const [i, frequency] of [660, 880].entries()) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.15, start + i * 0.18 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.18 + 0.16);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + i * 0.18);
    tone.stop(start + i * 0.18 + 0.18);
  }
}
