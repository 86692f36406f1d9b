// Therapy sessions: the list, and one session's details, members, assessments, notices and end.
import { html, useState, useEffect } from '/vendor/htm-preact.js';
import { api } from './api.js';
import {
  emptySession, sessionForm, validateSession, sessionBody, toggleMember, memberChoices, serverErrors, errorFor, formatDateTime,
} from './forms.js';
import { TextField, ErrorSummary, Banner, ScreenTitle, PanelTitle } from './ui.js';
import { Assessments, Notices, EndSession } from './session-tools.js';
import { isManaged, managedLabel, managedNote, conflictText } from './redcap.js';

export function Sessions({ onAuthError }) {
  const [sessions, setSessions] = useState(null);
  const [users, setUsers] = useState([]);
  const [open, setOpen] = useState(null);
  const [message, setMessage] = useState('');

  const load = async () => {
    try {
      setSessions((await api.sessions()).therapy_sessions);
      setUsers((await api.users('')).users);
    } catch (e) {
      onAuthError(e);
    }
  };
  const openSession = async (id) => {
    try {
      setOpen({ isNew: false, session: await api.session(id) });
    } catch (e) {
      onAuthError(e);
    }
  };
  useEffect(() => { load(); }, []);
  // the confirmation shows once the panel holds what was saved, so nothing typed next lands in a stale form
  const saved = async (id, text) => { await load(); await openSession(id); setMessage(text); };

  return html`<${ScreenTitle}>Therapy sessions<//>
    <p><button type="button" id="new-session" class="secondary"
      onClick=${() => { setMessage(''); setOpen({ isNew: true, session: null }); }}>New session</button></p>
    ${sessions && html`<${SessionTable} sessions=${sessions} onOpen=${(id) => { setMessage(''); openSession(id); }} />`}
    ${open && html`<${SessionPanel} key=${open.isNew ? 'new' : open.session.id} open=${open} users=${users} message=${message}
      onSaved=${saved} onAuthError=${onAuthError} onClose=${() => setOpen(null)} />`}`;
}

function SessionTable({ sessions, onOpen }) {
  if (!sessions.length) return html`<p>No therapy sessions yet.</p>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="sessions-caption"><table class="data" id="sessions-table">
    <caption id="sessions-caption">${sessions.length} therapy session${sessions.length === 1 ? '' : 's'}</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Start (UTC)</th><th scope="col">Status</th><th scope="col">Therapists</th>
      <th scope="col">Participants</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>${sessions.map((s) => {
      const members = s.members || [];
      return html`<tr key=${s.id} data-session=${s.id}><th scope="row">${s.name} <span class="muted">(${s.id})</span>${isManaged(s) && html` <span class="tag managed">${managedLabel(s)}</span>`}</th>
        <td>${formatDateTime(s.date)}</td><td><span class=${`tag ${s.status}`}>${s.status}</span></td>
        <td>${members.filter((m) => m.role === 'therapist').map((m) => m.displayName || m.id).join(', ') || '—'}</td>
        <td>${members.filter((m) => m.role === 'participant').length}</td>
        <td><button type="button" class="small" aria-label=${`Open ${s.name}`} onClick=${() => onOpen(s.id)}>Open</button></td></tr>`;
    })}</tbody></table></div>`;
}

const FIELDS = ['id', 'name', 'topic', 'date', 'admission', 'members'];

function SessionPanel({ open, users, message, onSaved, onAuthError, onClose }) {
  const [form, setForm] = useState(open.isNew ? emptySession() : sessionForm(open.session));
  const [errors, setErrors] = useState([]);
  const set = (field) => (value) => setForm({ ...form, [field]: value });
  const { therapists, participants } = memberChoices(users);
  const submit = async (event) => {
    event.preventDefault();
    const found = validateSession(form, { isNew: open.isNew });
    setErrors(found);
    if (found.length) return;
    try {
      await api.putSession(form.id.trim(), sessionBody(form));
      onSaved(form.id.trim(), `${form.name.trim()} is saved.`);
    } catch (e) {
      onAuthError(e);
      const conflict = conflictText(e);
      setErrors(conflict ? [{ field: null, message: conflict }] : serverErrors(e, FIELDS));
    }
  };
  const err = (field) => errorFor(errors, field);
  const checkbox = (u) => html`<label class="check" key=${u.id}><input type="checkbox" id=${`member-${u.id}`}
    checked=${form.members.includes(u.id)} onChange=${(e) => setForm(toggleMember(form, u.id, e.currentTarget.checked))} />
    ${u.displayName} <span class="muted">(${u.id})</span></label>`;
  const title = open.isNew ? 'New therapy session' : open.session.name;
  return html`<section class="panel" aria-labelledby="session-title" id="session-panel">
    <div class="panel-head"><${PanelTitle} id="session-title">${title}<//>
      <button type="button" class="link" onClick=${onClose}>Close<span class="visually-hidden"> ${title}</span></button></div>
    <${Banner} message=${message} />
    ${!open.isNew && html`<p class="muted">Status: <strong>${open.session.status}</strong> · id ${open.session.id}
      ${isManaged(open.session) && html` · <span class="tag managed">${managedLabel(open.session)}</span>`}</p>`}
    ${!open.isNew && isManaged(open.session) ? html`<${ManagedSession} session=${open.session} />` : html`
    <${ErrorSummary} errors=${errors} prefix="session-" fallback="session-name" />
    <form id="session-form" onSubmit=${submit} novalidate>
      ${open.isNew && html`<${TextField} id="session-id" label="Id" hint="Letters, digits, - and _, like week-1." value=${form.id}
        onValue=${set('id')} error=${err('id')} width="10" />`}
      <${TextField} id="session-name" label="Name" value=${form.name} onValue=${set('name')} error=${err('name')} width="30" />
      <${TextField} id="session-topic" label="Topic" value=${form.topic} onValue=${set('topic')} error=${err('topic')} width="30" />
      <${TextField} id="session-date" label="Start" hint="In UTC, as year-month-day hours:minutes, like 2026-11-24 18:00."
        value=${form.date} onValue=${set('date')} error=${err('date')} width="20" />
      <fieldset class="radios"><legend>Admission</legend>
        <label><input type="radio" name="admission" id="session-admission" value="auto" checked=${form.admission === 'auto'}
          onChange=${() => set('admission')('auto')} /> Members enter at once</label>
        <label><input type="radio" name="admission" id="session-admission-therapist" value="therapist"
          checked=${form.admission === 'therapist'} onChange=${() => set('admission')('therapist')} /> A therapist admits each participant</label>
      </fieldset>
      <fieldset class="checks" id="session-members" tabindex="-1"><legend>Therapists</legend>
        ${therapists.length ? therapists.map(checkbox) : html`<p class="hint">No therapists yet: add one under Users.</p>`}</fieldset>
      <fieldset class="checks columns"><legend>Participants</legend>
        ${participants.length ? participants.map(checkbox) : html`<p class="hint">No participants yet: add or import them under Users.</p>`}</fieldset>
      <button type="submit">Save session</button>
    </form>`}
    ${!open.isNew && html`<${Assessments} session=${open.session} onSaved=${onSaved} onAuthError=${onAuthError} />
      <${Notices} session=${open.session} onAuthError=${onAuthError} />
      <${EndSession} session=${open.session} onSaved=${onSaved} onAuthError=${onAuthError} />`}
  </section>`;
}

/** A session REDCap owns: what it holds, read-only, and where to change it. */
function ManagedSession({ session }) {
  const members = session.members || [];
  const names = (role) => members.filter((m) => m.role === role).map((m) => `${m.displayName || m.id} (${m.id})`).join(', ') || '—';
  return html`<div class="managed-box" id="session-managed">
    <p class="managed-text">${managedNote(session, 'therapy session')}</p>
    <dl class="facts">
      <dt>Name</dt><dd>${session.name}</dd>
      <dt>Topic</dt><dd>${session.topic || '—'}</dd>
      <dt>Start (UTC)</dt><dd>${formatDateTime(session.date)}</dd>
      <dt>Admission</dt><dd>${session.admission === 'therapist' ? 'A therapist admits each participant' : 'Members enter at once'}</dd>
      <dt>Therapists</dt><dd>${names('therapist')}</dd>
      <dt>Participants</dt><dd>${names('participant')}</dd>
    </dl></div>`;
}
