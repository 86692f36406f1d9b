// The app: login, the sessions list, the waiting room and the chat, rendered with Preact + htm.
import { render, html } from '../vendor/htm-preact.js';
import { api, ApiError } from './api.js';
import { createStore } from './store.js';
import { pickLanguage, strings } from './i18n.js';
import { errorText } from './errors.js';
import { Chat } from './chat.js';
import { forgetDrafts } from './state/drafts.js';
import { App } from './views/app.js';
import { emptyLogin, typed, codeSent, codeRefused } from './state/login.js';
import { tell, showTitle } from './attention.js';
import { surveysToDo, newlyDone, refreshDelay } from './state/sessions.js';

const saved = localStorage.getItem('tc.lang');
const lang = saved || pickLanguage(navigator.languages || [navigator.language]);
const store = createStore({
  lang, s: strings(lang), screen: 'loading', me: null, notice: null, errors: {}, overview: null,
  countdown: 0, chat: null, chatState: null, waitingFor: null, waitingSession: null, login: emptyLogin,
  todo: surveysToDo(null),
});
const timers = { countdown: null, waiting: null, sessions: null };
/** When the sessions list was last shown or the page came back into view: it refreshes fast for a while after. */
let attentionAt = 0;

const say = (notice, kind = 'error') => store.set({ notice: notice ? { text: notice, kind } : null });

const actions = {
  setLanguage(next) {
    localStorage.setItem('tc.lang', next);
    document.documentElement.lang = next;
    store.set({ lang: next, s: strings(next) });
  },

  typeLogin: (field, value) => store.set(({ login }) => ({ login: typed(login, field, value) })),

  async start(phone, identifier) {
    store.set(({ login }) => ({ login: typed(typed(login, 'phone', phone), 'identifier', identifier) }));
    const errors = {};
    if (!phone.trim()) errors.phone = (s) => s.needPhone;
    if (!identifier.trim()) errors.identifier = (s) => s.needLastName;
    store.set({ errors });
    if (Object.keys(errors).length) return;
    try {
      const reply = await api.start(phone.trim(), identifier.trim());
      say(null);
      store.set(({ login }) => ({ screen: 'code', login: codeSent(login, reply.body) }));
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
      if (e instanceof ApiError && e.body.restart) {
        const { login, notice } = codeRefused(store.get().login, e.body);
        showLogin(notice, login, 'error');
      } else {
        say(loginProblem(e));
      }
    }
  },

  async resend() {
    try {
      const reply = await api.resend();
      say((s) => s.newCode, 'info');
      countdown(reply.body.resendAfterSeconds);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        showLogin((s) => s.loginExpired, store.get().login);
      } else {
        say(loginProblem(e));
        if (e instanceof ApiError && e.status === 429) countdown(e.body.retryAfterSeconds);
      }
    }
  },

  restart: () => showLogin(null, store.get().login),

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

/** The login form; `login` keeps what was typed (a refused code, "use another number"), else it is empty. */
function showLogin(notice, login = emptyLogin, kind = 'info') {
  closeChat();
  clearTimeout(timers.sessions);
  history.replaceState(null, '', location.pathname);
  store.set({ me: null, screen: 'login', errors: {}, notice: notice ? { text: notice, kind } : null,
    login: { ...login, sentTo: '' } });
}

async function afterLogin() {
  const wanted = new URLSearchParams(location.search).get('ts') || store.get().me.currentTherapySession;
  if (wanted) await enter(wanted);
  else await showSessions();
}

async function showSessions(notice, kind = 'info') {
  clearTimeout(timers.waiting);
  store.set({ screen: 'sessions', waitingFor: null, waitingSession: null, notice: notice ? { text: notice, kind } : store.get().notice });
  attentionAt = Date.now();
  await refreshSessions();
}

/**
 * Reads the sessions list again; a survey finished in REDCap (or wherever its link leads) turns
 * green and the entry gate's notice gives way. Refreshes itself while something is still to do.
 */
async function refreshSessions() {
  clearTimeout(timers.sessions);
  try {
    const overview = (await api.sessions()).body;
    if (store.get().screen !== 'sessions') return;
    const before = store.get().todo;
    const todo = surveysToDo(overview, before.shown);
    store.set({ overview, todo });
    if (newlyDone(before, todo)) say((s) => (todo.allDone ? s.surveysDone : s.surveyDoneThanks), 'info');
  } catch (e) {
    if (handleAuth(e)) return;
    if (!store.get().overview) say((s) => s.loadSessionsFailed);
  }
  scheduleRefresh();
}

function scheduleRefresh() {
  clearTimeout(timers.sessions);
  const { screen, todo, me } = store.get();
  if (screen !== 'sessions') return;
  const delay = refreshDelay({ pending: todo.items.some((i) => !i.done), visible: document.visibilityState === 'visible',
    sinceAttentionMs: Date.now() - attentionAt, pollIntervalMs: me && me.pollIntervalMs });
  if (delay !== null) timers.sessions = setTimeout(refreshSessions, delay);
}

// back from a survey's tab: read the list at once, then fast for a while
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible' || store.get().screen !== 'sessions') return;
  attentionAt = Date.now();
  refreshSessions();
});

async function enter(ts) {
  clearTimeout(timers.waiting);
  clearTimeout(timers.sessions);
  try {
    const reply = await api.enter(ts);
    if (reply.body.status === 'waiting_for_admission') {
      history.replaceState(null, '', `${location.pathname}?ts=${encodeURIComponent(ts)}`);
      const first = store.get().waitingFor !== ts;
      store.set({ screen: 'waiting', waitingFor: ts, notice: null, ...(first ? { waitingSession: null } : {}) });
      if (first) waitingSession(ts);
      timers.waiting = setTimeout(() => enter(ts), Math.min(store.get().me.pollIntervalMs || 5000, 5000));
      return;
    }
    const { waitingFor, waitingSession: waited, s } = store.get();
    if (waitingFor === ts) tell([{ kind: 'admitted' }], s, waited ? waited.name : '', () => '');
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

/** The session the waiting room is for: its name and start time on the screen (the page goes on without them). */
async function waitingSession(ts) {
  try {
    const d = (await api.detail(ts)).body;
    if (store.get().waitingFor === ts) store.set({ waitingSession: { name: d.name, date: d.date } });
  } catch (ignored) {
    // the waiting room still works; the next call to enter tells what is wrong
  }
}

function openChat(ts, intervals) {
  closeChat();
  history.replaceState(null, '', `${location.pathname}?ts=${encodeURIComponent(ts)}`);
  const chat = new Chat(ts, store.get().me, intervals, {
    onChange: () => store.set({ chatState: chat.state }),
    onEvents: (events) => tell(events, store.get().s, chat.state.detail ? chat.state.detail.name : '', (id) => chat.name(id)),
    onExit: (why) => exitChat(why),
    onUnauthenticated: () => showLogin((s) => s.logInAgain),
  });
  store.set({ screen: 'chat', chat, chatState: chat.state, waitingFor: null, waitingSession: null, todo: surveysToDo(null) });
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
  // the chat screen keeps its own title (unread, who waits); every other screen has the app's, or the waiting room's
  store.subscribe((state) => {
    if (state.screen === 'chat') return;
    const name = state.screen === 'waiting' && state.waitingSession ? `${state.s.waitingTitle}: ${state.waitingSession.name}` : null;
    showTitle(state.s, { name });
  });
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
