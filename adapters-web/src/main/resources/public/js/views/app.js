// The frame around every screen: header with the language switch, banners, and the screen itself.
import { html } from '../../vendor/htm-preact.js';
import { LANGUAGES } from '../i18n.js';
import { LoginScreen, CodeScreen } from './login.js';
import { SessionsScreen, WaitingScreen } from './sessions.js';
import { ChatScreen } from './chat.js';

export function App({ state, actions }) {
  const { s, screen } = state;
  const offline = Boolean(state.chatState && state.chatState.offline);
  return html`
    <header class="top">
      <p class="brand">${s.app}</p>
      <div class="top-tools">
        <label class="lang"><span class="visually-hidden">${s.language}</span>
          <select id="language" value=${state.lang} onChange=${(e) => actions.setLanguage(e.target.value)}>
            ${Object.entries(LANGUAGES).map(([code, name]) => html`<option value=${code} lang=${code}>${name}</option>`)}
          </select>
        </label>
        ${state.me && html`<button id="logout" type="button" class="link" onClick=${actions.logout}>${s.logout}</button>`}
      </div>
    </header>
    ${offline && html`<div id="offline" class="banner" role="status">${s.offline}</div>`}
    ${state.notice && html`<div id="notice" class=${state.notice.kind === 'error' ? 'notice' : 'notice info'}
        role=${state.notice.kind === 'error' ? 'alert' : 'status'}>${state.notice.text(s)}</div>`}
    <main id="main" class=${`screen-${screen}`}>
      ${screen === 'login' && html`<${LoginScreen} s=${s} state=${state} actions=${actions} />`}
      ${screen === 'code' && html`<${CodeScreen} s=${s} state=${state} actions=${actions} />`}
      ${screen === 'sessions' && html`<${SessionsScreen} s=${s} state=${state} actions=${actions} />`}
      ${screen === 'waiting' && html`<${WaitingScreen} s=${s} session=${state.waitingSession} actions=${actions} />`}
      ${screen === 'chat' && state.chat && html`<${ChatScreen} s=${s} chat=${state.chat} cs=${state.chatState} actions=${actions} />`}
      ${screen === 'loading' && html`<p class="meta" aria-busy="true">…</p>`}
    </main>`;
}
