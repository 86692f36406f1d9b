import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, previewRoster, toCsvLine } from '../../main/resources/public/console/csv.js';

test('CSV cells keep quoted commas, doubled quotes and the line each record starts on', () => {
  const records = parseCsv('a,"b, c","say ""hi"""\r\n\nd,"two\nlines",e\n');
  assert.deepEqual(records, [
    { line: 1, cells: ['a', 'b, c', 'say "hi"'] },
    { line: 3, cells: ['d', 'two\nlines', 'e'] },
  ]);
});

test('a roster preview skips the header and names each bad row with its line and field', () => {
  const text = [
    'id,role,displayName,phone,identifier',
    'P1,participant,Ana,+1 650 555 0101,Smith',
    'P2,patient,Bo,+1 650 555 0102,Jones',
    'P3,participant,Cy,not a phone,Lee',
    'P1,participant,Ana again,+1 650 555 0109,Smith',
    'P4,participant,Di,+1 650 555 0101,SMITH',
    'P5,participant,,+1 650 555 0105,Park',
    'P6,participant,Ed',
  ].join('\n');
  const { rows, problems } = previewRoster(text);
  assert.equal(rows.length, 7);
  assert.deepEqual(rows[0], { line: 2, id: 'P1', role: 'participant', displayName: 'Ana', phone: '+1 650 555 0101', identifier: 'Smith' });
  assert.deepEqual(problems.map((p) => [p.line, p.field]), [[3, 'role'], [4, 'phone'], [5, 'id'], [6, 'phone'], [7, 'displayName'], [8, 'row']]);
  assert.match(problems[2].message, /line 2/);
});

test('a clean roster has no problems; a file without the header line is named at line 1', () => {
  const clean = previewRoster('id,role,displayName,phone,identifier\r\nP1,participant,Ana,+16505550101,Smith\r\nT1,therapist,Lee,+16505550100,Rivera\r\n');
  assert.deepEqual(clean.problems, []);
  assert.deepEqual(clean.rows.map((r) => r.line), [2, 3]);
  const headless = previewRoster('P1,participant,Ana,+16505550101,Smith\n');
  assert.deepEqual(headless.problems.map((p) => [p.line, p.field]), [[1, 'header']]);
  assert.equal(headless.rows.length, 1);
});

test('an empty file has nothing to import', () => {
  assert.deepEqual(previewRoster(''), { rows: [], problems: [] });
});

test('a user becomes one CSV line, quoting what needs it', () => {
  assert.equal(toCsvLine({ id: 'P1', role: 'participant', displayName: 'Ana, "A"', phone: '+1', identifier: 'Smith' }),
    'P1,participant,"Ana, ""A""",+1,Smith');
});
