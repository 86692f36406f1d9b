// The staff console: login, then one screen per task, chosen by the address's #hash.
import { html, render, useState, useEffect } from '/vendor/htm-preact.js';
import { api, isLoggedOut } from './api.js';
import { Login } from './login.js';
import { Users } from './users.js';
import { Sessions } from './sessions.js';
import { Now } from './now-view.js';
import { Research } from './research.js';
import { Audit } from './audit-view.js';
import { Redcap } from './redcap-view.js';
import { statusLine } from './redcap.js';

const SCREENS = [
  { id: 'users', title: 'Users', view: Users },
  { id: 'sessions', title: 'Therapy sessions', view: Sessions },
  { id: 'now', title: 'Now', view: Now },
  { id: 'research', title: 'Research', view: Research },
  { id: 'audit', title: 'Audit', view: Audit },
  { id: 'redcap', title: 'REDCap', view: Redcap },
];

function screenFromHash() {
  const id = location.hash.replace(/^#\/?/, '');
  return SCREENS.find((s) => s.id === id) || SCREENS[0];
}

function App() {
  const [me, setMe] = useState(undefined);
  const [screen, setScreen] = useState(screenFromHash());
  useEffect(() => {
    api.me().then((answer) => setMe(answer.user), () => setMe(null));
    const follow = () => setScreen(screenFromHash());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => { document.title = me && me.role === 'staff' ? `${screen.title} · TherapyChat console` : 'TherapyChat console'; },
    [me, screen]);
  const logout = async () => {
    try { await api.logout(); } catch (ignored) { /* the session may be gone already */ }
    setMe(null);
  };
  // 401: the login ended (expired, logged out elsewhere, disabled); 403: no longer staff
  const onAuthError = (error) => {
    if (isLoggedOut(error)) setMe(null);
    else if (error && error.status === 403) api.me().then((answer) => setMe(answer.user), () => setMe(null));
  };
  if (me === undefined) return html`<main id="main"><p>Loading…</p></main>`;
  if (me === null) return html`<${Header} /><main id="main"><${Login} onLoggedIn=${setMe} /></main>`;
  if (me.role !== 'staff') return html`<${Header} me=${me} onLogout=${logout} /><main id="main"><${StaffOnly} me=${me} /></main>`;
  const View = screen.view;
  return html`<${Header} me=${me} onLogout=${logout} current=${screen.id} />
    <main id="main">${screen.id !== 'redcap' && html`<${DirectoryAlarm} key=${screen.id} />`}<${View} key=${screen.id} me=${me} onAuthError=${onAuthError} /></main>`;
}

/** On every other screen, a failing REDCap sync is named above the content (read when the screen opens). */
function DirectoryAlarm() {
  const [line, setLine] = useState(null);
  useEffect(() => { api.redcap().then((s) => setLine(statusLine(s)), () => setLine(null)); }, []);
  if (!line || line.kind !== 'failing') return null;
  return html`<p class="alarm" id="redcap-alarm">${line.text} · <a href="#redcap">REDCap status</a></p>`;
}

function Header({ me, onLogout, current }) {
  return html`<header class="top">
    <a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>Skip to content</a>
    <p class="brand">TherapyChat <span>console</span></p>
    ${current && html`<nav aria-label="Console"><ul>${SCREENS.map((s) => html`<li key=${s.id}>
      <a href=${`#${s.id}`} aria-current=${s.id === current ? 'page' : undefined}>${s.title}</a></li>`)}</ul></nav>`}
    ${me && html`<p class="who">${me.displayName} <button type="button" class="link" onClick=${onLogout}>Log out</button></p>`}
  </header>`;
}

function StaffOnly({ me }) {
  return html`<div class="staff-only" role="alert">
    <h1>Staff only</h1>
    <p>The console is for research staff. You are logged in as ${me.displayName}, a ${me.role}.</p>
    <p><a href="/">Go to your therapy sessions</a></p>
  </div>`;
}

render(html`<${App} />`, document.getElementById('app'));
