// The roster CSV as the coordinator sees it before sending: rows with their line numbers, and
// what is obviously wrong with each. The server checks everything again, as a whole, and names
// every bad row the same way ({line, field, message}); this preview only saves a round trip.

export const COLUMNS = ['id', 'role', 'displayName', 'phone', 'identifier'];
const ROLES = ['participant', 'therapist', 'staff'];

/** Splits CSV text into lines of cells (RFC 4180 quotes), each with its 1-based line number. */
export function parseCsv(text) {
  const records = [];
  let cells = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const endCell = () => { cells.push(cell); cell = ''; };
  const endRecord = () => {
    endCell();
    if (cells.length > 1 || cells[0].trim() !== '') records.push({ line: startLine, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line++; cell += c; }
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      startLine = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

function isHeader(cells) {
  return cells.map((c) => c.trim()).join(',') === COLUMNS.join(',');
}

/** The rows to import (after the header line the server requires) and the problems a coordinator can fix before sending. */
export function previewRoster(text) {
  const records = parseCsv(text || '');
  const rows = [];
  const problems = [];
  const seenIds = new Map();
  const seenLogins = new Map();
  if (records.length && !isHeader(records[0].cells)) {
    problems.push({ line: records[0].line, field: 'header', message: `The first line must be the header ${COLUMNS.join(',')}.` });
  }
  for (const { line, cells } of records) {
    if (line === records[0].line && isHeader(cells)) continue;
    const row = { line };
    COLUMNS.forEach((name, i) => { row[name] = (cells[i] || '').trim(); });
    rows.push(row);
    if (cells.length !== COLUMNS.length) {
      problems.push({ line, field: 'row', message: `Expected ${COLUMNS.length} columns (${COLUMNS.join(', ')}), found ${cells.length}.` });
      continue;
    }
    for (const name of COLUMNS) {
      if (!row[name]) problems.push({ line, field: name, message: `Enter the ${label(name)}.` });
    }
    if (row.role && !ROLES.includes(row.role)) {
      problems.push({ line, field: 'role', message: `The role must be participant, therapist or staff, not “${row.role}”.` });
    }
    if (row.phone && !/^\+?[0-9 ().-]{7,20}$/.test(row.phone)) {
      problems.push({ line, field: 'phone', message: `“${row.phone}” is not a phone number.` });
    }
    if (row.id && seenIds.has(row.id)) {
      problems.push({ line, field: 'id', message: `${row.id} is also on line ${seenIds.get(row.id)}.` });
    } else if (row.id) seenIds.set(row.id, line);
    const login = `${row.phone.replace(/[^0-9+]/g, '')}|${row.identifier.toLowerCase()}`;
    if (row.phone && row.identifier && seenLogins.has(login)) {
      problems.push({ line, field: 'phone', message: `The same phone and identifier are on line ${seenLogins.get(login)}.` });
    } else seenLogins.set(login, line);
  }
  return { rows, problems };
}

export function label(field) {
  return { id: 'id', role: 'role', displayName: 'display name', phone: 'phone number', identifier: 'identifier',
    row: 'row', header: 'header' }[field] || field;
}

/** Builds the CSV line for a user (used to offer a fixed file and in tests). */
export function toCsvLine(user) {
  return COLUMNS.map((name) => {
    const value = String(user[name] ?? '');
    return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  }).join(',');
}
