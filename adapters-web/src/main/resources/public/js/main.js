// Login, the list of sessions, and entering one. The chat itself lives in chat.js.
import { api, ApiError } from './api.js';
import { $, el, show, notify, formatDate } from './dom.js';
import { Chat } from './chat.js';

const state = { me: null, chat: null, resendTimer: null };

async function boot() {
  wireLogin();
  $('logout').addEventListener('click', logout);
  try {
    state.me = (await api.me()).body;
    await afterLogin();
  } catch (e) {
    showLogin();
  }
}

function showLogin(message) {
  state.me = null;
  $('logout').hidden = true;
  show('login');
  notify(message || '');
  $('phone').focus();
}

function wireLogin() {
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const phone = $('phone').value.trim();
    const identifier = $('identifier').value.trim();
    if (!phone || !identifier) {
      notify('Please enter your phone number and your last name.');
      return;
    }
    try {
      const reply = await api.start(phone, identifier);
      notify('');
      showCodeScreen(reply.body.resendAfterSeconds);
    } catch (e) {
      notify(loginProblem(e));
    }
  });
  $('code-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = $('otp').value.trim();
    if (!/^[0-9]{6}$/.test(code)) {
      notify('The code is the 6 digits from the text message.');
      return;
    }
    try {
      await api.verify(code);
      state.me = (await api.me()).body;
      notify('');
      await afterLogin();
    } catch (e) {
      if (e instanceof ApiError && e.body.restart) {
        showLogin('That code did not work. Please start again and we will send a new one.');
      } else {
        notify(loginProblem(e));
      }
    }
  });
  $('resend').addEventListener('click', async () => {
    try {
      const reply = await api.resend();
      notify('We sent a new code.', 'info');
      startCountdown(reply.body.resendAfterSeconds);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        showLogin('That login has expired. Please start again.');
      } else {
        notify(loginProblem(e));
        if (e instanceof ApiError && e.status === 429) startCountdown(e.body.retryAfterSeconds);
      }
    }
  });
  $('restart').addEventListener('click', () => showLogin());
}

function loginProblem(e) {
  if (!(e instanceof ApiError)) return 'We could not reach the server. Please check your connection.';
  if (e.status === 429) {
    const minutes = Math.ceil((e.body.retryAfterSeconds || 60) / 60);
    return `Too many codes were requested. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  if (e.body.field === 'phone') return 'That does not look like a phone number.';
  return e.body.message || 'Something went wrong. Please try again.';
}

function showCodeScreen(resendAfterSeconds) {
  show('code');
  $('otp').value = '';
  $('otp').focus();
  startCountdown(resendAfterSeconds);
}

function startCountdown(seconds) {
  clearInterval(state.resendTimer);
  let left = Number(seconds) || 60;
  const button = $('resend');
  const tick = () => {
    if (left <= 0) {
      clearInterval(state.resendTimer);
      button.disabled = false;
      $('countdown').textContent = '';
      return;
    }
    button.disabled = true;
    $('countdown').textContent = `You can ask again in ${left} s.`;
    left -= 1;
  };
  tick();
  state.resendTimer = setInterval(tick, 1000);
}

async function logout() {
  if (state.chat) state.chat.stop();
  try {
    await api.logout();
  } finally {
    showLogin('You are logged out.');
  }
}

async function afterLogin() {
  $('logout').hidden = false;
  const wanted = new URLSearchParams(location.search).get('ts') || state.me.currentTherapySession;
  if (wanted) {
    await enter(wanted);
  } else {
    await showSessions();
  }
}

export async function showSessions(message) {
  show('sessions');
  notify(message || '', 'info');
  let overview;
  try {
    overview = (await api.sessions()).body;
  } catch (e) {
    return handleAuth(e) || notify('We could not load your sessions. Please reload the page.');
  }
  const badge = $('todo-badge');
  badge.hidden = overview.todo === 0;
  badge.textContent = String(overview.todo);
  badge.setAttribute('aria-label', `${overview.todo} surveys to do`);
  const todo = $('todo-list');
  todo.replaceChildren();
  const list = $('session-list');
  list.replaceChildren();
  for (const session of overview.therapy_sessions) {
    for (const a of session.assessments) {
      if (a.dueNow && a.url) {
        todo.append(el('li', {}, el('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer', text: a.name.replaceAll('_', ' ') }),
          el('span', { class: 'meta', text: ` (${session.name}, ${a.due === 'pre' ? 'before' : 'after'} the session)` })));
      }
    }
    const surveys = session.assessments.map((a) => `${a.name.replaceAll('_', ' ')}: ${a.status === 'complete' ? 'done' : (a.dueNow ? 'to do' : `due ${a.due === 'pre' ? 'before' : 'after'} the session`)}`);
    const enterButton = el('button', { type: 'button', text: 'Enter', onclick: () => enter(session.id) });
    enterButton.disabled = session.status === 'ended';
    list.append(el('li', {},
      el('h3', { text: session.name }),
      el('p', { class: 'meta', text: `${formatDate(session.date)} · ${session.status}` }),
      surveys.length ? el('p', { class: 'meta', text: `Surveys — ${surveys.join('; ')}` }) : null,
      session.status === 'ended' ? el('p', { class: 'meta', text: 'This session has ended.' }) : enterButton));
  }
  $('todo').hidden = todo.children.length === 0;
  if (overview.therapy_sessions.length === 0) {
    list.append(el('li', { text: 'You have no sessions yet.' }));
  }
}

async function enter(ts) {
  try {
    const reply = await api.enter(ts);
    if (reply.body.status === 'waiting_for_admission') {
      show('sessions');
      notify('Waiting for the therapist to let you in…', 'info');
      setTimeout(() => enter(ts), 5000);
      return;
    }
    notify('');
    state.chat = new Chat(ts, state.me, reply.body, { onExit: exitChat, onUnauthenticated: () => showLogin('Please log in again.') });
    await state.chat.start();
  } catch (e) {
    if (handleAuth(e)) return;
    const error = e instanceof ApiError ? e.body.error : null;
    if (error === 'assessments_pending') {
      await showSessions();
      notify(`Please complete these surveys before you enter: ${e.body.assessments.map((n) => n.replaceAll('_', ' ')).join(', ')}.`);
    } else if (error === 'not_allowed' || error === 'revoked' || error === 'session_ended' || error === 'not_found') {
      await showSessions();
      notify(error === 'not_found' ? 'That session does not exist.' : e.body.message);
    } else {
      await showSessions();
      notify('We could not open the session. Please try again.');
    }
  }
}

function exitChat(message) {
  state.chat = null;
  history.replaceState(null, '', location.pathname);
  showSessions(message);
}

function handleAuth(e) {
  if (e instanceof ApiError && e.status === 401) {
    showLogin('Please log in again.');
    return true;
  }
  return false;
}

boot();
