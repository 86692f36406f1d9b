import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  emptyUser, validateUser, userBody, emptySession, validateSession, sessionBody, sessionForm, parseDateTime,
  formatDateTime, toggleMember, validateAssessment, upsertAssessment, serverErrors, errorFor, surveyLabels,
} from '../../main/resources/public/console/forms.js';

test('a new user needs an id, a name, a phone and an identifier, each named', () => {
  const errors = validateUser(emptyUser(), { isNew: true });
  assert.deepEqual(errors.map((e) => e.field), ['id', 'displayName', 'phone', 'identifier']);
  assert.match(errorFor(errors, 'phone'), /phone number/);
  assert.equal(errorFor(errors, 'role'), null);
});

test('an edited user keeps its id; a bad phone and a bad id are named', () => {
  const form = { ...emptyUser(), id: 'P 1', displayName: 'Ana', phone: 'call me', identifier: 'Smith' };
  assert.deepEqual(validateUser(form, { isNew: true }).map((e) => e.field), ['id', 'phone']);
  assert.deepEqual(validateUser({ ...form, phone: '+1 650 555 0101' }, { isNew: false }), []);
});

test('the user body is trimmed and says whether the user is disabled', () => {
  const body = userBody({ id: 'P1', role: 'participant', displayName: ' Ana ', phone: ' +1 650 555 0101', identifier: 'Smith ', disabled: true });
  assert.deepEqual(body, { role: 'participant', displayName: 'Ana', phone: '+1 650 555 0101', identifier: 'Smith', disabled: true });
});

test('dates are typed in UTC as year-month-day hours:minutes, or as an ISO instant', () => {
  assert.equal(parseDateTime('2026-11-24 18:00'), '2026-11-24T18:00:00Z');
  assert.equal(parseDateTime('2026-11-24T18:00:00Z'), '2026-11-24T18:00:00Z');
  assert.equal(parseDateTime('2026-11-24T19:00:00+01:00'), '2026-11-24T18:00:00Z');
  assert.equal(parseDateTime('2026-13-01 10:00'), null);
  assert.equal(parseDateTime('tomorrow'), null);
  assert.equal(formatDateTime('2026-11-24T18:00:00Z'), '2026-11-24 18:00');
});

test('a session form needs an id, a name and a date; members toggle in and out', () => {
  assert.deepEqual(validateSession(emptySession(), { isNew: true }).map((e) => e.field), ['id', 'name', 'date']);
  let form = { ...emptySession(), id: 'week-1', name: 'Week 1', date: '2026-11-24 18:00' };
  form = toggleMember(toggleMember(toggleMember(form, 'T1', true), 'P1', true), 'T1', false);
  assert.deepEqual(validateSession(form, { isNew: true }), []);
  assert.deepEqual(sessionBody(form), { name: 'Week 1', topic: '', date: '2026-11-24T18:00:00Z', members: ['P1'], admission: 'auto' });
});

test('a session from the server becomes an editable form', () => {
  const form = sessionForm({ id: 'w1', name: 'Week 1', date: '2026-11-24T18:00:00Z', admission: 'therapist',
    members: [{ id: 'T1', role: 'therapist' }, { id: 'P1', role: 'participant' }] });
  assert.deepEqual(form, { id: 'w1', name: 'Week 1', topic: '', date: '2026-11-24 18:00', admission: 'therapist', members: ['T1', 'P1'] });
});

test('an assessment needs a name and an http(s) link; adding one of the same name replaces it', () => {
  assert.deepEqual(validateAssessment({ name: '', due: 'post', url: 'javascript:alert(1)' }).map((e) => e.field), ['name', 'url']);
  const list = [{ name: 'location', due: 'pre', status: 'complete' }, { name: 'survey', due: 'post', status: 'incomplete', url: 'https://a' }];
  const next = upsertAssessment(list, { name: 'survey', due: 'post', status: 'incomplete', url: ' https://b ' });
  assert.deepEqual(next, [{ name: 'location', due: 'pre', status: 'complete' }, { name: 'survey', due: 'post', status: 'incomplete', url: 'https://b' }]);
});

test('a survey keeps its display labels: the form sets English and Spanish, other surveys keep theirs', () => {
  const list = [{ name: 'location', due: 'pre', status: 'complete', label: 'Where', labels: { es: 'Dónde' } }];
  const next = upsertAssessment(list, { name: 'post', due: 'post', status: 'incomplete', url: '', labelEn: ' How did it go? ', labelEs: '¿Cómo le fue?' });
  assert.deepEqual(next, [
    { name: 'location', due: 'pre', status: 'complete', label: 'Where', labels: { es: 'Dónde' } },
    { name: 'post', due: 'post', status: 'incomplete', labels: { en: 'How did it go?', es: '¿Cómo le fue?' } }]);
  const toggled = upsertAssessment(next, { ...next[1], status: 'complete' });
  assert.deepEqual(toggled[1].labels, { en: 'How did it go?', es: '¿Cómo le fue?' }, 'marking complete keeps the labels');
  assert.equal(surveyLabels(next[1]), 'EN: How did it go? · ES: ¿Cómo le fue?');
  assert.equal(surveyLabels(list[0]), 'Where · ES: Dónde');
  assert.equal(surveyLabels({ name: 'x', labels: {} }), '');
});

test('a server validation error goes next to its field; others go to the summary only', () => {
  const error = { status: 400, body: { error: 'validation_failed', field: 'phone', message: 'Not a phone number.' } };
  assert.deepEqual(serverErrors(error, ['phone']), [{ field: 'phone', message: 'Not a phone number.' }]);
  assert.deepEqual(serverErrors({ status: 503, body: {} }, ['phone']), [{ field: null, message: 'The server said no (503).' }]);
  assert.deepEqual(serverErrors(new Error('offline'), []), [{ field: null, message: 'We could not reach the server.' }]);
});
