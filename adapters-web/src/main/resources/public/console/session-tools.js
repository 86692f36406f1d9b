// One session's assessments (surveys per participant, with their links and status), notices and end.
import { html, useState } from '/vendor/htm-preact.js';
import { api } from './api.js';
import { validateAssessment, upsertAssessment, serverErrors, errorFor, surveyLabels } from './forms.js';
import { TextField, ErrorSummary, Banner } from './ui.js';
import { isManaged, sourceName, conflictText } from './redcap.js';

const EVERYONE = '*';

export function Assessments({ session, onSaved, onAuthError }) {
  const participants = (session.members || []).filter((m) => m.role === 'participant');
  const byUser = session.assessments || {};
  const [form, setForm] = useState({ who: EVERYONE, name: 'post-session_survey', due: 'post', url: '', labelEn: '', labelEs: '' });
  const [errors, setErrors] = useState([]);
  const set = (field) => (value) => setForm({ ...form, [field]: value });
  const put = async (users, item, message) => {
    try {
      for (const id of users) await api.putAssessments(session.id, id, upsertAssessment(byUser[id], item));
      onSaved(session.id, message);
    } catch (e) {
      onAuthError(e);
      const conflict = conflictText(e);
      setErrors(conflict ? [{ field: null, message: conflict }] : serverErrors(e, ['name', 'due', 'url', 'label', 'labels']));
    }
  };
  const submit = (event) => {
    event.preventDefault();
    const found = validateAssessment(form);
    setErrors(found);
    if (found.length) return;
    const users = form.who === EVERYONE ? participants.map((p) => p.id) : [form.who];
    put(users, { ...form, status: 'incomplete' }, `${form.name.trim()} is assigned to ${users.length} participant${users.length === 1 ? '' : 's'}.`);
  };
  const rows = participants.flatMap((p) => (byUser[p.id] || []).map((a) => ({ ...a, user: p })));
  const managed = isManaged(session);
  return html`<section aria-labelledby="assessments-title" class="subpanel">
    <h3 id="assessments-title">Assessments</h3>
    ${rows.length ? html`<div class="table-wrap"><table class="data" id="assessments-table">
      <caption class="visually-hidden">Assessments per participant</caption>
      <thead><tr><th scope="col">Participant</th><th scope="col">Survey</th><th scope="col">Due</th><th scope="col">Status</th>
        <th scope="col">Link</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${rows.map((a) => html`<tr key=${`${a.user.id}-${a.name}`}>
        <th scope="row">${a.user.displayName || a.user.id}</th><td>${a.name}${surveyLabels(a) && html`<br /><span class="hint">${surveyLabels(a)}</span>`}</td><td>${a.due === 'pre' ? 'before' : 'after'}</td>
        <td><span class=${`tag ${a.status}`}>${a.status}</span></td>
        <td>${a.url ? html`<a href=${a.url} target="_blank" rel="noopener noreferrer">Open<span class="visually-hidden"> ${a.name} for ${a.user.displayName}</span></a>` : '—'}</td>
        <td>${managed ? html`<span class="muted">in ${sourceName(session.managedBy)}</span>` : html`<button type="button" class="small" onClick=${() => put([a.user.id], { ...a, status: a.status === 'complete' ? 'incomplete' : 'complete' },
          `${a.name} for ${a.user.displayName || a.user.id} is marked ${a.status === 'complete' ? 'incomplete' : 'complete'}.`)}>
          Mark ${a.status === 'complete' ? 'incomplete' : 'complete'}<span class="visually-hidden"> (${a.name}, ${a.user.displayName || a.user.id})</span></button>`}</td>
      </tr>`)}</tbody></table></div>` : html`<p class="hint">No assessments yet.</p>`}
    ${managed ? html`<p class="managed-text" id="assessments-managed">These surveys and their status come
      from ${sourceName(session.managedBy)}: assign or change them there. A survey completed in ${sourceName(session.managedBy)} shows
      here within seconds.</p>` : html`
    <h4>Assign a survey</h4>
    <${ErrorSummary} errors=${errors} prefix="assessment-" fallback="assessment-name" />
    <form id="assessment-form" onSubmit=${submit} novalidate>
      <div class="field"><label for="assessment-who">Who</label>
        <select id="assessment-who" class="input w-20" value=${form.who} onChange=${(e) => set('who')(e.currentTarget.value)}>
          <option value=${EVERYONE}>Every participant (${participants.length})</option>
          ${participants.map((p) => html`<option key=${p.id} value=${p.id}>${p.displayName || p.id} (${p.id})</option>`)}
        </select></div>
      <${TextField} id="assessment-name" label="Survey name" value=${form.name} onValue=${set('name')} error=${errorFor(errors, 'name')} width="20" />
      <fieldset class="radios"><legend>Due</legend>
        <label><input type="radio" name="due" id="assessment-due" value="pre" checked=${form.due === 'pre'} onChange=${() => set('due')('pre')} /> Before the session</label>
        <label><input type="radio" name="due" id="assessment-due-post" value="post" checked=${form.due === 'post'} onChange=${() => set('due')('post')} /> After the session</label>
      </fieldset>
      <${TextField} id="assessment-url" label="Link to the survey" hint="Starts with https://" type="url" inputmode="url"
        value=${form.url} onValue=${set('url')} error=${errorFor(errors, 'url')} width="30" />
      <${TextField} id="assessment-labels" label="What participants see in English (optional)" hint="Shown instead of the survey name"
        value=${form.labelEn} onValue=${set('labelEn')} error=${errorFor(errors, 'labels')} width="30" />
      <${TextField} id="assessment-labels-es" label="What participants see in Spanish (optional)" hint="Shown instead of the survey name"
        value=${form.labelEs} onValue=${set('labelEs')} width="30" />
      <button type="submit">Assign survey</button>
    </form>`}
  </section>`;
}

export function Notices({ session, onAuthError }) {
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState([]);
  const [message, setMessage] = useState('');
  const submit = async (event) => {
    event.preventDefault();
    if (!body.trim()) {
      setErrors([{ field: 'body', message: 'Enter the notice to show in the chat.' }]);
      return;
    }
    try {
      await api.notice(session.id, body.trim());
      setErrors([]);
      setBody('');
      setMessage('The notice is posted in the chat.');
    } catch (e) {
      onAuthError(e);
      setErrors(serverErrors(e, ['body']));
    }
  };
  const error = errorFor(errors, 'body');
  return html`<section aria-labelledby="notice-title" class="subpanel">
    <h3 id="notice-title">Post a notice</h3>
    <${Banner} message=${message} />
    <${ErrorSummary} errors=${errors} prefix="notice-" fallback="notice-body" />
    <form id="notice-form" onSubmit=${submit} novalidate>
      <div class=${error ? 'field has-error' : 'field'}><label for="notice-body">Notice</label>
        <p class="hint" id="notice-body-hint">Everyone in the chat sees it as a system notice.</p>
        ${error && html`<p class="error-message" id="notice-body-error">${error}</p>`}
        <textarea id="notice-body" class="input" rows="2" maxlength="2000" value=${body}
          aria-describedby=${error ? 'notice-body-hint notice-body-error' : 'notice-body-hint'}
          onInput=${(e) => setBody(e.currentTarget.value)}></textarea></div>
      <button type="submit">Post notice</button>
    </form>
  </section>`;
}

export function EndSession({ session, onSaved, onAuthError }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  if (session.status === 'ended') return html`<section class="subpanel"><h3>End</h3><p>This session has ended.</p></section>`;
  const end = async () => {
    try {
      await api.end(session.id);
      onSaved(session.id, `${session.name} has ended. Participants now see their post-session surveys.`);
    } catch (e) {
      onAuthError(e);
      setError((e.body && e.body.message) || 'The session could not be ended.');
    }
  };
  return html`<section aria-labelledby="end-title" class="subpanel">
    <h3 id="end-title">End the session</h3>
    ${error && html`<p class="error-message" role="alert">${error}</p>`}
    <p>The chat closes with a notice and the participants' post-session surveys become due.</p>
    ${confirming
      ? html`<div class="buttons"><button type="button" class="danger" id="end-confirm" onClick=${end}>Yes, end ${session.name}</button>
          <button type="button" class="secondary" onClick=${() => setConfirming(false)}>Keep it open</button></div>`
      : html`<button type="button" class="danger" id="end-session" onClick=${() => setConfirming(true)}>End session</button>`}
  </section>`;
}
