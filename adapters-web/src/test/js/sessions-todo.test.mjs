import { test } from 'node:test';
import assert from 'node:assert/strict';
import { surveysToDo, newlyDone, refreshDelay, FAST_FOR_MS, FAST_MS } from '../../main/resources/public/js/state/sessions.js';

const overview = (gad7, location = 'complete') => ({ todo: gad7 === 'complete' ? 0 : 1, therapy_sessions: [
  { id: 'TS1', name: 'Group A, week 1', assessments: [
    { name: 'location', due: 'pre', status: location, dueNow: location !== 'complete', url: 'https://redcap.example/s?a' },
    { name: 'gad7', due: 'pre', status: gad7, dueNow: gad7 !== 'complete', url: 'https://redcap.example/s?b' },
    { name: 'phq9', due: 'post', status: 'incomplete', dueNow: false, url: 'https://redcap.example/s?c' }] },
  { id: 'TS2', name: 'Group A, week 2', assessments: [
    { name: 'followup', due: 'post', status: 'incomplete', dueNow: false, url: null }] }] });

test('the to-do box lists the surveys due now that have a link', () => {
  const todo = surveysToDo(overview('incomplete'));
  assert.deepEqual(todo.items.map((i) => [i.key, i.done]), [['TS1/gad7', false]]);
  assert.deepEqual(todo.shown, ['TS1/gad7']);
  assert.equal(todo.allDone, false);
  assert.equal(todo.items[0].session.name, 'Group A, week 1');
  assert.deepEqual(surveysToDo(null).items, []);
});

test('a survey listed before and now complete stays on the list, done (green), until the page leaves the list', () => {
  const first = surveysToDo(overview('incomplete', 'incomplete'));
  assert.deepEqual(first.shown, ['TS1/location', 'TS1/gad7']);
  const half = surveysToDo(overview('complete', 'incomplete'), first.shown);
  assert.deepEqual(half.items.map((i) => [i.key, i.done]), [['TS1/location', false], ['TS1/gad7', true]]);
  assert.equal(half.allDone, false);
  assert.equal(newlyDone(first, half), true);
  const all = surveysToDo(overview('complete', 'complete'), half.shown);
  assert.equal(all.allDone, true);
  assert.equal(newlyDone(half, all), true);
  // the next refresh finds nothing new
  assert.equal(newlyDone(all, surveysToDo(overview('complete', 'complete'), all.shown)), false);
  // a survey completed before this page listed it is simply not on the list
  assert.deepEqual(surveysToDo(overview('complete', 'complete')).items, []);
});

test('the list refreshes every second for a while after it is shown, then at the poll interval, only while something is to do and the page is seen', () => {
  const base = { pending: true, visible: true, sinceAttentionMs: 0, pollIntervalMs: 5000 };
  assert.equal(refreshDelay(base), FAST_MS);
  assert.equal(refreshDelay({ ...base, sinceAttentionMs: FAST_FOR_MS - 1 }), FAST_MS);
  assert.equal(refreshDelay({ ...base, sinceAttentionMs: FAST_FOR_MS }), 5000);
  assert.equal(refreshDelay({ ...base, sinceAttentionMs: FAST_FOR_MS, pollIntervalMs: undefined }), 5000);
  assert.equal(refreshDelay({ ...base, visible: false }), null);
  assert.equal(refreshDelay({ ...base, pending: false }), null);
});
