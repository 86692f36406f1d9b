// Audit: every admin write, export, staff login and refused admin call, newest first, a page at a
// time ("Older entries"), filtered here among the entries loaded.
import { html, useState, useEffect, useRef } from '/vendor/htm-preact.js';
import { api } from './api.js';
import { emptyTrail, firstPage, withOlder, withNewer, newestId, canJoin, hasOlder, emptyFilter, filterAudit,
  distinct } from './audit.js';
import { ScreenTitle } from './ui.js';

const PAGE = 100;

export function Audit({ onAuthError }) {
  const [trail, setTrail] = useState(emptyTrail());
  const [filter, setFilter] = useState(emptyFilter());
  const [busy, setBusy] = useState(false);
  const table = useRef(null);
  const run = async (work) => {
    if (busy) return;
    setBusy(true);
    try {
      await work();
    } catch (e) {
      onAuthError(e);
    } finally {
      setBusy(false);
    }
  };
  const newest = () => run(async () => {
    const since = newestId(trail);
    const newer = since === null ? null : (await api.audit({ since, limit: PAGE })).entries;
    setTrail(newer && canJoin(newer, PAGE) ? withNewer(trail, newer) : firstPage(await api.audit({ limit: PAGE })));
  });
  const older = () => run(async () => {
    const next = withOlder(trail, await api.audit({ before: trail.nextBefore, limit: PAGE }));
    setTrail(next);
    // the button goes away with the oldest page: keep the keyboard in the table, not lost on the page
    if (!hasOlder(next) && table.current) table.current.focus();
  });
  useEffect(() => { newest(); }, []);
  const set = (field) => (e) => setFilter({ ...filter, [field]: e.currentTarget.value });
  const { entries } = trail;
  const shown = filterAudit(entries, filter);
  return html`<${ScreenTitle}>Audit<//>
    <p class="muted">Every admin change, export, staff login and refused admin call, newest first. Entries are never changed or deleted.
      The filters search the entries loaded here.</p>
    <form class="filters" id="audit-filters" onSubmit=${(e) => { e.preventDefault(); newest(); }}>
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
    ${trail.loaded && html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="audit-caption" ref=${table}>
      <table class="data" id="audit-table">
      <caption id="audit-caption">${shown.length} of ${entries.length} loaded, newest first</caption>
      <thead><tr><th scope="col" class="num">Id</th><th scope="col">At (UTC)</th><th scope="col">Actor</th><th scope="col">Action</th>
        <th scope="col">Target</th><th scope="col">Outcome</th></tr></thead>
      <tbody>${shown.map((e) => html`<tr key=${e.id}><td class="num">${e.id}</td><td>${String(e.at).replace('T', ' ').slice(0, 19)}</td>
        <td>${e.actor}</td><td>${e.action}</td><td>${e.target}</td><td>${e.outcome}</td></tr>`)}</tbody></table></div>
      <div class="buttons audit-more">
        ${hasOlder(trail) && html`<button type="button" class="secondary" id="audit-older" aria-busy=${busy ? 'true' : 'false'}
          aria-describedby="audit-caption" onClick=${older}>Older entries</button>`}
        <p class="muted" role="status" aria-live="polite">${busy ? 'Loading…'
          : hasOlder(trail) ? `${entries.length} entries loaded.` : `All ${entries.length} entries are loaded.`}</p>
      </div>`}`;
}
