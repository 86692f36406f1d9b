// The sessions list (surveys to do first, then today / upcoming / past) and the waiting room.
import { html } from '../../vendor/htm-preact.js';
import { groupSessions, surveysToDo } from '../state/sessions.js';
import { NotifyToggle } from './attention.js';

function SessionCard({ s, session, actions }) {
  const surveys = session.assessments.map((a) => `${s.survey(a)}: ${a.status === 'complete' ? s.surveyDone
    : (a.dueNow ? s.surveyTodo : (a.due === 'pre' ? s.before : s.after))}`);
  return html`<li>
    <h3>${session.name}</h3>
    <p class="meta">${s.date(session.date)} · ${s.status[session.status] || session.status}</p>
    ${surveys.length > 0 && html`<p class="meta">${surveys.join('; ')}</p>`}
    ${session.status === 'ended' ? html`<p class="meta">${s.ended}</p>`
      : html`<button type="button" onClick=${() => actions.enter(session.id)}
          aria-label=${`${s.enter}: ${session.name}`}>${s.enter}</button>`}
  </li>`;
}

function Group({ s, id, title, sessions, actions }) {
  if (sessions.length === 0) return null;
  return html`<section aria-labelledby=${id}>
    <h2 id=${id}>${title}</h2>
    <ul class="cards session-list">${sessions.map((session) => html`<${SessionCard} key=${session.id} s=${s} session=${session} actions=${actions} />`)}</ul>
  </section>`;
}

export function SessionsScreen({ s, state, actions }) {
  const overview = state.overview;
  const g = overview ? groupSessions(overview, new Date()) : { todo: [], today: [], upcoming: [], past: [] };
  const todo = state.todo || surveysToDo(overview);
  return html`<section id="sessions" class="screen narrow" aria-labelledby="sessions-title">
    <h1 id="sessions-title">${s.sessionsTitle}
      ${overview && overview.todo > 0 && html` <span id="todo-badge" class="badge" aria-label=${s.todoCount(overview.todo)}>${overview.todo}</span>`}</h1>
    ${todo.items.length > 0 && html`<section id="todo" class=${todo.allDone ? 'todo all-done' : 'todo'} aria-labelledby="todo-title">
      <h2 id="todo-title">${todo.allDone ? s.todoAllDone : s.todo}</h2>
      <ul id="todo-list">${todo.items.map((a) => html`<li key=${a.key} class=${a.done ? 'done' : undefined} data-survey=${a.key}>
        ${a.done ? html`<span class="done-mark" aria-hidden="true">✓ </span><span>${s.survey(a)}</span>
            <span class="done-tag"> ${s.surveyDone}</span>`
          : html`<a href=${a.url} target="_blank" rel="noopener noreferrer">${s.survey(a)}</a>`}
        <span class="meta"> (${a.session.name}, ${a.due === 'pre' ? s.before : s.after})</span></li>`)}</ul>
    </section>`}
    <div id="session-list">
      <${Group} s=${s} id="today-title" title=${s.today} sessions=${g.today} actions=${actions} />
      <${Group} s=${s} id="upcoming-title" title=${s.upcoming} sessions=${g.upcoming} actions=${actions} />
      <${Group} s=${s} id="past-title" title=${s.past} sessions=${g.past} actions=${actions} />
      ${overview && overview.therapy_sessions.length === 0 && html`<p>${s.noSessions}</p>`}
    </div>
  </section>`;
}

/** The waiting room names the session and when it starts, in the viewer's language and time zone. */
export function WaitingScreen({ s, session, actions }) {
  return html`<section id="waiting" class="screen narrow" aria-labelledby="waiting-title">
    <h1 id="waiting-title">${s.waitingTitle}</h1>
    ${session && html`<div id="waiting-session" class="waiting-session">
      <h2>${session.name}</h2>
      <p><time datetime=${session.date}>${s.startsAt(s.date(session.date))}</time></p>
    </div>`}
    <p class="waiting-dots" aria-hidden="true">• • •</p>
    <p role="status">${s.waiting}</p>
    <${NotifyToggle} s=${s} id="waiting-notify" />
    <button type="button" class="secondary" onClick=${actions.sessions}>${s.backToSessions}</button>
  </section>`;
}
