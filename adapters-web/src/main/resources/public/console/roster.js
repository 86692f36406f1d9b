// The roster import: paste or pick a CSV, see what it holds, send it. The server checks the whole
// file first and stores nothing if any row is bad; every bad row is shown with its line and field.
import { html, useState } from '/vendor/htm-preact.js';
import { api } from './api.js';
import { previewRoster, label, COLUMNS } from './csv.js';
import { ErrorSummary, describedBy, PanelTitle } from './ui.js';

export function RosterImport({ onImported, onAuthError }) {
  const [text, setText] = useState('');
  const [rows, setRows] = useState([]);
  const [errors, setErrors] = useState([]);
  const preview = previewRoster(text);

  const pick = async (event) => {
    const file = event.currentTarget.files[0];
    if (file) setText(await file.text());
  };
  const submit = async (event) => {
    event.preventDefault();
    if (!preview.rows.length) {
      setRows([]);
      setErrors([{ field: 'csv', message: 'Choose a CSV file or paste its rows.' }]);
      return;
    }
    try {
      const answer = await api.importUsers(text);
      setErrors([]);
      setRows([]);
      setText('');
      onImported(`Imported: ${answer.created} created, ${answer.updated} updated, ${answer.unchanged} unchanged.`);
    } catch (e) {
      onAuthError(e);
      const bad = (e.body && e.body.rows) || [];
      setRows(bad);
      setErrors(bad.length
        ? bad.map((r) => ({ field: 'csv', message: `Line ${r.line}, ${label(r.field)}: ${r.message}` }))
        : [{ field: 'csv', message: (e.body && e.body.message) || 'The file could not be imported.' }]);
    }
  };
  const hint = `The first line is the header ${COLUMNS.join(',')}; then one person per line. Nothing is stored if any row is wrong; importing the same file again changes nothing.`;
  return html`<section class="panel" aria-labelledby="import-title">
    <${PanelTitle} id="import-title">Import participants from a CSV file<//>
    <${ErrorSummary} errors=${errors} prefix="import-" />
    <form id="import-form" onSubmit=${submit} novalidate>
      <div class="field"><label for="import-file">CSV file</label>
        <input id="import-file" type="file" accept=".csv,text/csv" onChange=${pick} /></div>
      <div class=${errors.length ? 'field has-error' : 'field'}>
        <label for="import-csv">Rows</label>
        <p class="hint" id="import-csv-hint">${hint}</p>
        ${errors.length > 0 && html`<p class="error-message" id="import-csv-error"><span class="visually-hidden">Error: </span>
          ${errors.length} problem${errors.length === 1 ? '' : 's'}: see the list above${rows.length > 0 ? ' and the table below' : ''}.</p>`}
        <textarea id="import-csv" class="input mono" rows="8" value=${text} spellcheck="false"
          aria-describedby=${describedBy('import-csv', hint, errors.length)} aria-invalid=${errors.length ? 'true' : undefined}
          onInput=${(e) => setText(e.currentTarget.value)}></textarea>
      </div>
      <p class="hint" id="import-preview" aria-live="polite">${previewText(preview)}</p>
      <button type="submit">Import</button>
    </form>
    ${rows.length > 0 && html`<div class="table-wrap"><table class="data" id="import-problems">
      <caption>Rows to fix</caption>
      <thead><tr><th scope="col">Line</th><th scope="col">Id</th><th scope="col">Field</th><th scope="col">Problem</th></tr></thead>
      <tbody>${rows.map((r, i) => html`<tr key=${i}><td>${r.line}</td><td>${idOnLine(preview, r.line)}</td><td>${label(r.field)}</td>
        <td>${r.message}</td></tr>`)}</tbody>
    </table></div>`}
  </section>`;
}

function previewText({ rows, problems }) {
  if (!rows.length) return '';
  const lines = [...new Set(problems.map((p) => p.line))];
  const base = `${rows.length} row${rows.length === 1 ? '' : 's'} to import.`;
  return lines.length ? `${base} Line${lines.length === 1 ? '' : 's'} ${lines.join(', ')} look${lines.length === 1 ? 's' : ''} wrong.` : base;
}

function idOnLine({ rows }, line) {
  const row = rows.find((r) => r.line === line);
  return row ? row.id : '';
}
