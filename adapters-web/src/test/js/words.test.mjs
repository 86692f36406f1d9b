import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noticeText } from '../../main/resources/public/js/state/notices.js';
import { errorText, API_ERRORS } from '../../main/resources/public/js/errors.js';
import { strings } from '../../main/resources/public/js/i18n.js';

const en = strings('en');
const es = strings('es');
const members = { P1: 'Ana' };
const nameOf = (id) => members[id] || null;

test('join, leave and closing notices are worded in the viewer\'s language; typed ones stay as typed', () => {
  const joined = { type: 'notice', body: 'Ana has joined the session', notice_kind: 'joined', names: { user: 'P1' } };
  const left = { type: 'notice', body: 'Ana has left the session', notice_kind: 'left', names: { user: 'P1' } };
  const ended = { type: 'notice', body: 'The session has ended. Thank you for taking part.', notice_kind: 'session_ended', names: {} };
  const typed = { type: 'notice', body: 'Traigan agua, please', notice_kind: 'text', names: {} };
  assert.equal(noticeText(es, joined, nameOf), 'Ana se unió a la sesión');
  assert.equal(noticeText(es, left, nameOf), 'Ana salió de la sesión');
  assert.equal(noticeText(es, ended, nameOf), 'La sesión terminó. Gracias por participar.');
  assert.equal(noticeText(es, typed, nameOf), 'Traigan agua, please');
  assert.equal(noticeText(en, joined, nameOf), 'Ana has joined the session');
});

test('a member no longer listed keeps the name the notice was written with; an old server\'s notice is its text', () => {
  const gone = { type: 'notice', body: 'Bo Díaz has left the session', notice_kind: 'left', names: { user: 'P9' } };
  assert.equal(noticeText(es, gone, nameOf), 'Bo Díaz salió de la sesión');
  assert.equal(noticeText(es, { type: 'notice', body: 'Hello from an old server' }, nameOf), 'Hello from an old server');
});

test('every error code the API answers has its own text in both languages, never the server\'s English', () => {
  for (const code of API_ERRORS) {
    for (const s of [en, es]) {
      const text = errorText(s, { error: code, message: 'SERVER ENGLISH' });
      assert.ok(text && !text.includes('SERVER ENGLISH'), `${s.lang} ${code}`);
      assert.notEqual(text, s.errors.unknown, `${s.lang} ${code} has its own text`);
    }
  }
  assert.notEqual(errorText(es, { error: 'session_ended' }), errorText(en, { error: 'session_ended' }));
});

test('a rejected message names what was wrong with it; an unknown code or a bare reason gets the general text', () => {
  assert.equal(errorText(es, { error: 'invalid_field', field: 'body', message: 'body must not be blank' }), es.errors.fields.body);
  assert.equal(errorText(es, { error: 'invalid_field', field: 'whatever' }), es.errors.invalid_field);
  assert.equal(errorText(es, { error: 'no_such_code' }), es.errors.unknown);
  assert.equal(errorText(es, 'too long'), es.errors.unknown);
});

test('logging out and leaving the chat are worded apart, and Spanish log-out does not say "sesión"', () => {
  assert.notEqual(es.logout, es.leave);
  assert.ok(!/sesión/i.test(es.logout), es.logout);
  assert.ok(!/sesión/i.test(es.leave), es.leave);
  assert.notEqual(en.logout, en.leave);
});

test('a survey shows its label in the viewer\'s language, else its general label, else its name', () => {
  const labelled = { name: 'post-session_survey', label: 'After the session', labels: { en: 'How did it go?', es: '¿Cómo le fue?' } };
  assert.equal(es.survey(labelled), '¿Cómo le fue?');
  assert.equal(en.survey(labelled), 'How did it go?');
  assert.equal(es.survey({ name: 'post-session_survey', label: 'After the session', labels: { en: 'x' } }), 'After the session');
  assert.equal(es.survey({ name: 'post-session_survey', labels: { en: 'How did it go?' } }), 'post-session survey');
  assert.equal(es.survey('post-session_survey'), 'post-session survey', 'a bare name, as assessments_pending lists them');
});
