// Users: list and search, add and edit (including disabling), and the roster import.
import { html, useState, useEffect } from '/vendor/htm-preact.js';
import { api } from './api.js';
import { ROLES, emptyUser, validateUser, userBody, serverErrors, errorFor } from './forms.js';
import { TextField, ErrorSummary, Banner, ScreenTitle, PanelTitle } from './ui.js';
import { RosterImport } from './roster.js';
import { isManaged, managedLabel, conflictText } from './redcap.js';

export function Users({ onAuthError }) {
  const [query, setQuery] = useState('');
  const [users, setUsers] = useState(null);
  const [editing, setEditing] = useState(null);
  const [message, setMessage] = useState('');
  const [loadError, setLoadError] = useState('');
  const [importing, setImporting] = useState(false);

  const load = async (q = query) => {
    try {
      setUsers((await api.users(q)).users);
      setLoadError('');
    } catch (e) {
      onAuthError(e);
      setLoadError('We could not load the users. Try again.');
    }
  };
  useEffect(() => { load(''); }, []);
  const saved = async (text) => { setEditing(null); await load(); setMessage(text); };

  return html`<${ScreenTitle}>Users<//>
    <${Banner} message=${message} />
    ${loadError && html`<p class="error-message" role="alert">${loadError}</p>`}
    <form class="search" role="search" onSubmit=${(e) => { e.preventDefault(); load(); }}>
      <label for="user-query">Search by id, name, phone or identifier</label>
      <div class="inline"><input id="user-query" type="search" class="input w-20" value=${query}
        onInput=${(e) => setQuery(e.currentTarget.value)} /><button type="submit">Search</button></div>
    </form>
    <div class="buttons"><button type="button" id="add-user" class="secondary"
      onClick=${() => { setMessage(''); setImporting(false); setEditing({ isNew: true, form: emptyUser() }); }}>Add a user</button>
      <button type="button" id="import-users" class="secondary" aria-expanded=${importing ? 'true' : 'false'}
        onClick=${() => { setMessage(''); setEditing(null); setImporting(!importing); }}>Import a CSV file</button></div>
    ${editing && html`<${UserForm} key=${editing.form.id || 'new'} editing=${editing} onCancel=${() => setEditing(null)}
      onSaved=${saved} onAuthError=${onAuthError} />`}
    ${importing && html`<${RosterImport} onImported=${(text) => { setImporting(false); setMessage(text); load(); }} onAuthError=${onAuthError} />`}
    ${users && html`<${UserTable} users=${users} onEdit=${(u) => { setMessage(''); setEditing({ isNew: false, form: { ...emptyUser(), ...u } }); }} />`}`;
}

function UserTable({ users, onEdit }) {
  if (!users.length) return html`<p>No users match.</p>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="users-caption"><table class="data" id="users-table">
    <caption id="users-caption">${users.length} user${users.length === 1 ? '' : 's'}</caption>
    <thead><tr><th scope="col">Id</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Phone</th>
      <th scope="col">Identifier</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>${users.map((u) => html`<tr key=${u.id} data-user=${u.id}>
      <th scope="row">${u.id}</th><td>${u.displayName}</td><td>${u.role}</td><td>${u.phone}</td><td>${u.identifier}</td>
      <td>${u.disabled ? html`<strong class="tag off">Disabled</strong>` : 'Active'}${isManaged(u) && html` <span class="tag managed">${managedLabel(u)}</span>`}</td>
      <td>${isManaged(u) ? html`<span class="managed-note" id=${`managed-${u.id}`}>Edit in ${managedLabel(u).replace(/^From /, '')}</span>`
        : html`<button type="button" class="small" aria-label=${`Edit ${u.id}`} onClick=${() => onEdit(u)}>Edit</button>`}</td>
    </tr>`)}</tbody></table></div>`;
}

const FIELDS = ['id', 'role', 'displayName', 'phone', 'identifier'];

function UserForm({ editing, onCancel, onSaved, onAuthError }) {
  const [form, setForm] = useState(editing.form);
  const [errors, setErrors] = useState([]);
  const set = (field) => (value) => setForm({ ...form, [field]: value });
  const submit = async (event) => {
    event.preventDefault();
    const found = validateUser(form, { isNew: editing.isNew });
    setErrors(found);
    if (found.length) return;
    try {
      await api.putUser(form.id.trim(), userBody(form));
      onSaved(`${form.id.trim()} is saved${form.disabled ? ' and disabled: their logins end at once' : ''}.`);
    } catch (e) {
      onAuthError(e);
      const conflict = conflictText(e);
      setErrors(conflict ? [{ field: null, message: conflict }] : serverErrors(e, FIELDS));
    }
  };
  const err = (field) => errorFor(errors, field);
  return html`<section class="panel" aria-labelledby="user-form-title">
    <${PanelTitle} id="user-form-title">${editing.isNew ? 'Add a user' : `Edit ${form.id}`}<//>
    <${ErrorSummary} errors=${errors} prefix="user-" fallback="user-displayName" />
    <form id="user-form" onSubmit=${submit} novalidate>
      ${editing.isNew && html`<${TextField} id="user-id" label="Id" hint="Like P123 for a participant or 123XYZ for a therapist."
        value=${form.id} onValue=${set('id')} error=${err('id')} width="10" />`}
      <fieldset class="radios" aria-describedby=${err('role') ? 'user-role-error' : undefined}>
        <legend>Role</legend>
        ${err('role') && html`<p class="error-message" id="user-role-error">${err('role')}</p>`}
        ${ROLES.map((role, i) => html`<label key=${role}><input type="radio" name="role" id=${i === 0 ? 'user-role' : `user-role-${role}`}
          value=${role} checked=${form.role === role} onChange=${() => set('role')(role)} /> ${role}</label>`)}
      </fieldset>
      <${TextField} id="user-displayName" label="Display name" hint="The name other people see in the chat."
        value=${form.displayName} onValue=${set('displayName')} error=${err('displayName')} width="20" />
      <${TextField} id="user-phone" label="Phone number" hint="With the country code for numbers outside the default region."
        type="tel" inputmode="tel" value=${form.phone} onValue=${set('phone')} error=${err('phone')} width="20" />
      <${TextField} id="user-identifier" label="Identifier" hint="What they type to log in: by default their last name."
        value=${form.identifier} onValue=${set('identifier')} error=${err('identifier')} width="20" />
      <fieldset class="checks"><legend>Access</legend>
        <label class="check"><input type="checkbox" id="user-disabled" checked=${form.disabled}
          onChange=${(e) => set('disabled')(e.currentTarget.checked)} /> Disabled: their sessions end now and they cannot log in. Nothing is deleted.</label>
      </fieldset>
      <div class="buttons"><button type="submit">Save</button>
        <button type="button" class="secondary" onClick=${onCancel}>Cancel</button></div>
    </form>
  </section>`;
}
