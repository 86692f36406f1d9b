// The app: login, the sessions list, the waiting room and the chat, rendered with Preact + htm.
import { render, html } from '../vendor/htm-preact.js';
import { api, ApiError } from './api.js';
import { createStore } from './store.js';
import { pickLanguage, strings } from './i18n.js';
import { errorText } from './errors.js';
import { Chat } from './chat.js';
import { forgetDrafts } from './state/drafts.js';
import { App } from './views/app.js';

const saved = localStorage.getItem('tc.lang');
const lang = saved || pickLanguage(navigator.languages || [navigator.language]);
const store = createStore({
  lang, s: strings(lang), screen: 'loading', me: null, notice: null, errors: {}, overview: null,
  countdown: 0, chat: null, chatState: null, waitingFor: null,
});
const timers = { countdown: null, waiting: null };

const say = (notice, kind = 'error') => store.set({ notice: notice ? { text: notice, kind } : null });

const actions = {
  setLanguage(next) {
    localStorage.setItem('tc.lang', next);
    document.documentElement.lang = next;
    store.set({ lang: next, s: strings(next) });
  },

  async start(phone, identifier) {
    const errors = {};
    if (!phone.trim()) errors.phone = (s) => s.needPhone;
    if (!identifier.trim()) errors.identifier = (s) => s.needLastName;
    store.set({ errors });
    if (Object.keys(errors).length) return;
    try {
      const reply = await api.start(phone.trim(), identifier.trim());
      say(null);
      store.set({ screen: 'code' });
      countdown(reply.body.resendAfterSeconds);
    } catch (e) {
      if (e instanceof ApiError && e.body.field === 'phone') store.set({ errors: { phone: (s) => s.badPhone } });
      else say(loginProblem(e));
    }
  },

  async verify(code) {
    if (!/^[0-9]{6}$/.test(code.trim())) {
      store.set({ errors: { otp: (s) => s.badCode } });
      return;
    }
    try {
      await api.verify(code.trim());
      store.set({ me: (await api.me()).body, errors: {} });
      say(null);
      await afterLogin();
    } catch (e) {
      if (e instanceof ApiError && e.body.restart) showLogin((s) => s.codeFailed);
      else say(loginProblem(e));
    }
  },

  async resend() {
    try {
      const reply = await api.resend();
      say((s) => s.newCode, 'info');
      countdown(reply.body.resendAfterSeconds);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        showLogin((s) => s.loginExpired);
      } else {
        say(loginProblem(e));
        if (e instanceof ApiError && e.status === 429) countdown(e.body.retryAfterSeconds);
      }
    }
  },

  restart: () => showLogin(),

  async logout() {
    closeChat();
    forgetDrafts(sessionStorage);
    try { await api.logout(); } finally { showLogin((s) => s.loggedOut); }
  },

  enter: (ts) => enter(ts),
  sessions: () => showSessions(),
  dismiss: () => say(null),
};

function loginProblem(e) {
  if (!(e instanceof ApiError)) return (s) => s.noServer;
  if (e.status === 429) {
    const minutes = Math.ceil((e.body.retryAfterSeconds || 60) / 60);
    return (s) => s.tooMany(minutes);
  }
  return e.body.error ? (s) => errorText(s, e.body) : (s) => s.somethingWrong;
}

function countdown(seconds) {
  clearInterval(timers.countdown);
  let left = Number(seconds) || 60;
  store.set({ countdown: left });
  timers.countdown = setInterval(() => {
    left -= 1;
    store.set({ countdown: Math.max(0, left) });
    if (left <= 0) clearInterval(timers.countdown);
  }, 1000);
}

function showLogin(notice) {
  closeChat();
  history.replaceState(null, '', location.pathname);
  store.set({ me: null, screen: 'login', errors: {}, notice: notice ? { text: notice, kind: 'info' } : null });
}

async function afterLogin() {
  const wanted = new URLSearchParams(location.search).get('ts') || store.get().me.currentTherapySession;
  if (wanted) await enter(wanted);
  else await showSessions();
}

async function showSessions(notice, kind = 'info') {
  clearTimeout(timers.waiting);
  store.set({ screen: 'sessions', waitingFor: null, notice: notice ? { text: notice, kind } : store.get().notice });
  try {
    store.set({ overview: (await api.sessions()).body });
  } catch (e) {
    if (!handleAuth(e)) say((s) => s.loadSessionsFailed);
  }
}

async function enter(ts) {
  clearTimeout(timers.waiting);
  try {
    const reply = await api.enter(ts);
    if (reply.body.status === 'waiting_for_admission') {
      history.replaceState(null, '', `${location.pathname}?ts=${encodeURIComponent(ts)}`);
      store.set({ screen: 'waiting', waitingFor: ts, notice: null });
      timers.waiting = setTimeout(() => enter(ts), Math.min(store.get().me.pollIntervalMs || 5000, 5000));
      return;
    }
    say(null);
    openChat(ts, reply.body);
  } catch (e) {
    if (handleAuth(e)) return;
    const error = e instanceof ApiError ? e.body.error : null;
    if (error === 'assessments_pending') {
      // the error names them; the sessions list has their labels
      const known = (store.get().overview?.therapy_sessions || []).find((x) => x.id === ts)?.assessments || [];
      const surveys = e.body.assessments.map((name) => known.find((a) => a.name === name) || name);
      await showSessions((s) => s.pendingSurveys(surveys.map(s.survey).join(', ')), 'error');
    } else if (error === 'not_found') {
      await showSessions((s) => s.noSuchSession, 'error');
    } else if (error) {
      await showSessions((s) => errorText(s, e.body), 'error');
    } else {
      await showSessions((s) => s.enterFailed, 'error');
    }
  }
}

function openChat(ts, intervals) {
  closeChat();
  history.replaceState(null, '', `${location.pathname}?ts=${encodeURIComponent(ts)}`);
  const chat = new Chat(ts, store.get().me, intervals, {
    onChange: () => store.set({ chatState: chat.state }),
    onExit: (why) => exitChat(why),
    onUnauthenticated: () => showLogin((s) => s.logInAgain),
  });
  store.set({ screen: 'chat', chat, chatState: chat.state, waitingFor: null });
  chat.start();
}

function closeChat() {
  const { chat } = store.get();
  if (chat) chat.stop();
  store.set({ chat: null, chatState: null });
}

function exitChat(why) {
  store.set({ chat: null, chatState: null });
  history.replaceState(null, '', location.pathname);
  showSessions(why === 'removed' ? (s) => s.removed : (why ? (s) => errorText(s, why) : null), why ? 'error' : 'info');
}

function handleAuth(e) {
  if (e instanceof ApiError && e.status === 401) {
    showLogin((s) => s.logInAgain);
    return true;
  }
  return false;
}

async function boot() {
  document.documentElement.lang = lang;
  const root = document.getElementById('app');
  const draw = () => render(html`<${App} state=${store.get()} actions=${actions} />`, root);
  store.subscribe(draw);
  draw();
  try {
    store.set({ me: (await api.me()).body });
    await afterLogin();
  } catch (e) {
    showLogin();
  }
}

boot();
