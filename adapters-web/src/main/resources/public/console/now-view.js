// Now: who is present in which session and how busy each chat is, refreshed every few seconds.
import { html, useState, useEffect } from '/vendor/htm-preact.js';
import { api } from './api.js';
import { nowRows, nowTotals } from './now.js';
import { ScreenTitle } from './ui.js';

const REFRESH_MS = 3000;

export function Now({ onAuthError }) {
  const [rows, setRows] = useState(null);
  const [updated, setUpdated] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      try {
        const answer = await api.now();
        if (stopped) return;
        setRows(nowRows(answer));
        setUpdated(new Date());
        setError('');
      } catch (e) {
        onAuthError(e);
        if (!stopped) setError('The last refresh failed; trying again.');
      }
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => { stopped = true; clearInterval(timer); };
  }, []);
  const totals = rows ? nowTotals(rows) : null;
  return html`<${ScreenTitle}>Now<//>
    <p class="muted">Refreshed every ${REFRESH_MS / 1000} seconds${updated ? `; last at ${updated.toLocaleTimeString()}` : ''}.</p>
    ${error && html`<p class="error-message">${error}</p>`}
    ${totals && html`<ul class="stats" id="now-totals">
      <li><strong>${totals.people}</strong> ${totals.people === 1 ? 'person' : 'people'} present</li>
      <li><strong>${totals.sessions}</strong> active session${totals.sessions === 1 ? '' : 's'}</li>
      <li><strong>${totals.messages}</strong> message${totals.messages === 1 ? '' : 's'} in the last 5 minutes</li></ul>`}
    ${rows && (rows.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="now-caption"><table class="data" id="now-table">
      <caption id="now-caption">Sessions</caption>
      <thead><tr><th scope="col">Session</th><th scope="col">Status</th><th scope="col">Present</th>
        <th scope="col" class="num">Messages, last 5 min</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr key=${r.id} data-session=${r.id}><th scope="row">${r.name}</th>
        <td><span class=${`tag ${r.status}`}>${r.status}</span></td>
        <td>${r.present.length ? r.present.join(', ') : html`<span class="muted">nobody</span>`}</td>
        <td class="num">${r.messages}</td></tr>`)}</tbody></table></div>` : html`<p>No therapy sessions yet.</p>`)}`;
}
