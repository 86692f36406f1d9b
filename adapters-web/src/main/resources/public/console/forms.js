// Form state as plain data: what the coordinator typed, what is wrong with it (GOV.UK style:
// one message per field, shown next to the field and in a summary), and the body to send.

export const ROLES = ['participant', 'therapist', 'staff'];

function required(errors, form, field, message) {
  if (!String(form[field] ?? '').trim()) errors.push({ field, message });
}

export function emptyUser() {
  return { id: '', role: 'participant', displayName: '', phone: '', identifier: '', disabled: false };
}

export function validateUser(form, { isNew }) {
  const errors = [];
  if (isNew) {
    required(errors, form, 'id', 'Enter an id, like P123 for a participant or 123XYZ for a therapist.');
    if (form.id && !/^[A-Za-z0-9_-]{1,64}$/.test(form.id.trim())) {
      errors.push({ field: 'id', message: 'The id may use only letters, digits, - and _.' });
    }
  }
  if (!ROLES.includes(form.role)) errors.push({ field: 'role', message: 'Choose a role.' });
  required(errors, form, 'displayName', 'Enter the name other people see.');
  required(errors, form, 'phone', 'Enter a phone number, like +1 650 555 0100.');
  if (form.phone && form.phone.trim() && !/^\+?[0-9 ().-]{7,20}$/.test(form.phone.trim())) {
    errors.push({ field: 'phone', message: 'Enter a phone number, like +1 650 555 0100.' });
  }
  required(errors, form, 'identifier', 'Enter the identifier the person logs in with (by default their last name).');
  return errors;
}

export function userBody(form) {
  return { role: form.role, displayName: form.displayName.trim(), phone: form.phone.trim(),
    identifier: form.identifier.trim(), disabled: Boolean(form.disabled) };
}

export function emptySession() {
  return { id: '', name: '', topic: '', date: '', admission: 'auto', members: [] };
}

/** "2026-11-24 18:00" (UTC) or a full ISO instant → ISO instant; null when it is not a date. */
export function parseDateTime(text) {
  const t = String(text || '').trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(t);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] || '00'}${m[7] || 'Z'}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || Number(m[2]) > 12 || Number(m[3]) > 31 || Number(m[4]) > 23) return null;
  return date.toISOString().replace('.000Z', 'Z');
}

/** An ISO instant as the form shows it: "2026-11-24 18:00" in UTC. */
export function formatDateTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

export function validateSession(form, { isNew }) {
  const errors = [];
  if (isNew) {
    required(errors, form, 'id', 'Enter an id for the session, like week-1.');
    if (form.id && !/^[A-Za-z0-9_-]{1,64}$/.test(form.id.trim())) {
      errors.push({ field: 'id', message: 'The id may use only letters, digits, - and _.' });
    }
  }
  required(errors, form, 'name', 'Enter a name for the session.');
  if (!parseDateTime(form.date)) {
    errors.push({ field: 'date', message: 'Enter the start as year-month-day hours:minutes in UTC, like 2026-11-24 18:00.' });
  }
  if (!['auto', 'therapist'].includes(form.admission)) errors.push({ field: 'admission', message: 'Choose how people are admitted.' });
  return errors;
}

export function sessionBody(form) {
  return { name: form.name.trim(), topic: form.topic.trim(), date: parseDateTime(form.date),
    members: [...form.members], admission: form.admission };
}

/** A session from the server as an editable form. */
export function sessionForm(session) {
  return { id: session.id, name: session.name || '', topic: session.topic || '', date: formatDateTime(session.date),
    admission: session.admission || 'auto', members: (session.members || []).map((m) => m.id) };
}

/** Members of a user list split for the session form: therapists and participants (staff are not members). */
export function memberChoices(users) {
  const sorted = [...(users || [])].filter((u) => !u.disabled).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  return { therapists: sorted.filter((u) => u.role === 'therapist'), participants: sorted.filter((u) => u.role === 'participant') };
}

export function toggleMember(form, id, on) {
  const members = form.members.filter((m) => m !== id);
  return { ...form, members: on ? [...members, id] : members };
}

export function validateAssessment(form) {
  const errors = [];
  required(errors, form, 'name', 'Enter the name of the survey, like post-session_survey.');
  if (form.url && !/^https?:\/\/\S+$/.test(form.url.trim())) {
    errors.push({ field: 'url', message: 'Enter a link that starts with https://.' });
  }
  if (!['pre', 'post'].includes(form.due)) errors.push({ field: 'due', message: 'Choose when it is due.' });
  return errors;
}

/** What the admin API takes of a stored survey: a PUT replaces the list, so labels go back too. */
function putShape({ name, due, status, url, label, labels }) {
  const out = { name, due, status };
  if (url) out.url = url;
  if (label) out.label = label;
  if (labels && Object.keys(labels).length) out.labels = labels;
  return out;
}

/** The form's English and Spanish labels, or the item's own when it comes from the list. */
function labelsOf(item) {
  if (!('labelEn' in item) && !('labelEs' in item)) return item.labels;
  const labels = { ...(item.labels || {}) };
  for (const [lang, value] of [['en', item.labelEn], ['es', item.labelEs]]) {
    if (value && value.trim()) labels[lang] = value.trim();
    else delete labels[lang];
  }
  return labels;
}

/** The assessment list with {@code item} added, or replacing the one of the same name. */
export function upsertAssessment(list, item) {
  const clean = putShape({ name: item.name.trim(), due: item.due, status: item.status || 'incomplete',
    url: item.url && item.url.trim(), label: item.label, labels: labelsOf(item) });
  const rest = (list || []).filter((a) => a.name !== clean.name).map(putShape);
  return [...rest, clean];
}

/** A survey's display labels in one line ("Where · ES: Dónde"), or '' when it is shown under its name. */
export function surveyLabels(a) {
  const perLanguage = Object.keys(a.labels || {}).sort().map((lang) => `${lang.toUpperCase()}: ${a.labels[lang]}`);
  return [a.label, ...perLanguage].filter(Boolean).join(' · ');
}

/** A server error as form errors: {"error":"validation_failed","field","message"} goes next to its field. */
export function serverErrors(error, fields) {
  const body = (error && error.body) || {};
  const field = fields.includes(body.field) ? body.field : null;
  const message = body.message || (error && error.status ? `The server said no (${error.status}).` : 'We could not reach the server.');
  return [{ field, message }];
}

export function errorFor(errors, field) {
  const found = errors.find((e) => e.field === field);
  return found ? found.message : null;
}
