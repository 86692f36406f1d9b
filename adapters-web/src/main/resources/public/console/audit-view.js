// Audit: every admin write, export, staff login and refused admin call, newest first, filtered here.
import { html, useState, useEffect } from '/vendor/htm-preact.js';
import { api } from './api.js';
import { mergeEntries, nextSince, emptyFilter, filterAudit, distinct } from './audit.js';
import { ScreenTitle } from './ui.js';

const PAGE = 1000;

export function Audit({ onAuthError }) {
  const [entries, setEntries] = useState([]);
  const [filter, setFilter] = useState(emptyFilter());
  const [loaded, setLoaded] = useState(false);
  const load = async () => {
    let all = entries;
    try {
      for (;;) {
        const page = (await api.audit(nextSince(all))).entries;
        all = mergeEntries(all, page);
        if (page.length < PAGE) break;
      }
      setEntries(all);
      setLoaded(true);
    } catch (e) {
      onAuthError(e);
    }
  };
  useEffect(() => { load(); }, []);
  const set = (field) => (e) => setFilter({ ...filter, [field]: e.currentTarget.value });
  const shown = filterAudit(entries, filter);
  return html`<${ScreenTitle}>Audit<//>
    <p class="muted">Every admin change, export, staff login and refused admin call. Entries are never changed or deleted.</p>
    <form class="filters" id="audit-filters" onSubmit=${(e) => { e.preventDefault(); load(); }}>
      <div class="field"><label for="audit-text">Actor, action or target contains</label>
        <input id="audit-text" type="search" class="input w-20" value=${filter.text} onInput=${set('text')} /></div>
      <div class="field"><label for="audit-action">Action</label>
        <select id="audit-action" class="input" value=${filter.action} onChange=${set('action')}>
          <option value="">Any</option>${distinct(entries, 'action').map((a) => html`<option key=${a} value=${a}>${a}</option>`)}</select></div>
      <div class="field"><label for="audit-outcome">Outcome</label>
        <select id="audit-outcome" class="input" value=${filter.outcome} onChange=${set('outcome')}>
          <option value="">Any</option>${distinct(entries, 'outcome').map((a) => html`<option key=${a} value=${a}>${a}</option>`)}</select></div>
      <button type="submit" class="secondary">Load new entries</button>
    </form>
    ${loaded && html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="audit-caption"><table class="data" id="audit-table">
      <caption id="audit-caption">${shown.length} of ${entries.length} entries</caption>
      <thead><tr><th scope="col" class="num">Id</th><th scope="col">At (UTC)</th><th scope="col">Actor</th><th scope="col">Action</th>
        <th scope="col">Target</th><th scope="col">Outcome</th></tr></thead>
      <tbody>${shown.map((e) => html`<tr key=${e.id}><td class="num">${e.id}</td><td>${String(e.at).replace('T', ' ').slice(0, 19)}</td>
        <td>${e.actor}</td><td>${e.action}</td><td>${e.target}</td><td>${e.outcome}</td></tr>`)}</tbody></table></div>`}`;
}
