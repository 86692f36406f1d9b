// REDCap: whether the study's directory comes from REDCap, how its syncs go (last sync in the
// viewer's time, failing since and why), the counts, the records skipped and why, warnings, and
// "Sync now" (queued by the server; this screen follows the status until that sync is done).
import { html, useState, useEffect, useRef } from '/vendor/htm-preact.js';
import { api } from './api.js';
import { statusLine, countRows, syncFinished, syncOutcome, clockTime } from './redcap.js';
import { ScreenTitle } from './ui.js';

const FOLLOW_MS = 500;
const FOLLOW_FOR_MS = 30000;

export function Redcap({ onAuthError }) {
  const [status, setStatus] = useState(null);
  const [error, setError] = useState('');
  const [syncing, setSyncing] = useState(false);
  const [outcome, setOutcome] = useState(null);
  const alive = useRef(true);
  const read = async () => {
    try {
      const answer = await api.redcap();
      setError('');
      return answer;
    } catch (e) {
      onAuthError(e);
      setError('We could not read the sync status. Try again.');
      return null;
    }
  };
  useEffect(() => {
    read().then((s) => { if (alive.current && s) setStatus(s); });
    return () => { alive.current = false; };
  }, []);
  const syncNow = async () => {
    if (syncing) return;
    setSyncing(true);
    setOutcome({ kind: 'pending', text: 'Sync requested…' });
    try {
      const before = (await read()) || status;
      await api.redcapSync();
      const deadline = Date.now() + FOLLOW_FOR_MS;
      let after = before;
      while (alive.current && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, FOLLOW_MS));
        after = (await read()) || after;
        if (syncFinished(before, after)) break;
      }
      if (!alive.current) return;
      setStatus(after);
      setOutcome(syncOutcome(before, after));
    } catch (e) {
      onAuthError(e);
      setOutcome({ kind: 'failing', text: (e.body && e.body.message) || 'The sync could not be requested.' });
    } finally {
      if (alive.current) setSyncing(false);
    }
  };
  return html`<${ScreenTitle}>REDCap<//>
    ${error && html`<p class="error-message" role="alert">${error}</p>`}
    ${status && !status.configured && html`<${NotConfigured} />`}
    ${status && status.configured && html`<${Configured} status=${status} syncing=${syncing} outcome=${outcome} onSync=${syncNow} />`}`;
}

function NotConfigured() {
  return html`<div class="panel" id="redcap-off">
    <p><strong>REDCap is not configured.</strong> Users, therapy sessions and surveys are edited here in the console
      (or through the admin API).</p>
    <p>To take them from a REDCap project instead, start the app with <code>DIRECTORY=redcap</code> and
      set <code>REDCAP_API_URL</code>, <code>REDCAP_API_TOKEN</code> and <code>REDCAP_DET_KEY</code> (and,
      if needed, <code>REDCAP_TIMEZONE</code>, <code>REDCAP_SYNC_SECONDS</code> and <code>REDCAP_MAPPING</code>); then point the
      project's Data Entry Trigger at <code>/redcap/det?key=</code> followed by the value of <code>REDCAP_DET_KEY</code>. The README's
      “Using it with REDCap” says what the project and its API token need.</p>
  </div>`;
}

function Configured({ status, syncing, outcome, onSync }) {
  const line = statusLine(status);
  return html`<p id="redcap-status" class=${`status-line ${line.kind}`}>${line.kind === 'failing' ? html`<strong>${line.text}</strong>` : line.text}</p>
    <p class="muted">Users and therapy sessions from REDCap are edited in REDCap: here they are marked “From REDCap” and
      read-only. ${status.nextAttemptAt ? `Next full sync due ${clockTime(status.nextAttemptAt)}.` : ''}
      ${status.lastSyncMillis ? ` The last one took ${status.lastSyncMillis} ms.` : ''}</p>
    <div class="buttons audit-more">
      <button type="button" id="redcap-sync" aria-busy=${syncing ? 'true' : 'false'} aria-describedby="redcap-status"
        onClick=${onSync}>${syncing ? 'Syncing…' : 'Sync now'}</button>
      <p id="redcap-outcome" role="status" aria-live="polite" class=${outcome ? `outcome ${outcome.kind}` : 'outcome'}>
        ${outcome ? outcome.text : ''}</p>
    </div>
    <ul class="stats" id="redcap-counts">${countRows(status).map(([label, n]) => html`<li key=${label}><strong>${n}</strong> ${label}</li>`)}</ul>
    <${Issues} id="redcap-skipped" title="Skipped records" empty="No record was skipped."
      hint="Records REDCap holds that could not be used; everything else synced." issues=${status.skipped || []} />
    <${Issues} id="redcap-warnings" title="Warnings" empty="No warnings." hint="What the last sync lacked, such as a survey with no link."
      issues=${status.warnings || []} />`;
}

function Issues({ id, title, hint, empty, issues }) {
  return html`<section aria-labelledby=${`${id}-title`} class="subpanel">
    <h2 id=${`${id}-title`}>${title} (${issues.length})</h2>
    <p class="hint">${hint}</p>
    ${issues.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby=${`${id}-caption`}>
      <table class="data" id=${id}><caption id=${`${id}-caption`} class="visually-hidden">${title}: record and reason</caption><thead><tr><th scope="col">Record</th><th scope="col">Why</th></tr></thead>
      <tbody>${issues.map((i, n) => html`<tr key=${n}><th scope="row">${i.record}</th><td>${i.reason}</td></tr>`)}</tbody></table></div>`
      : html`<p>${empty}</p>`}
  </section>`;
}
