// Research: per session, participation as SVG charts, each with the same numbers in a table beside
// it, and the session's export (JSON or CSV) as a download.
import { html, useState, useEffect } from '/vendor/htm-preact.js';
import { api } from './api.js';
import { researchCharts } from './charts.js';
import { BarChart, LineChart } from './svg.js';
import { ScreenTitle } from './ui.js';

export function Research({ onAuthError }) {
  const [sessions, setSessions] = useState(null);
  const [chosen, setChosen] = useState('');
  const [stats, setStats] = useState(null);
  useEffect(() => {
    api.sessions().then((answer) => {
      setSessions(answer.therapy_sessions);
      if (answer.therapy_sessions.length) setChosen(answer.therapy_sessions[0].id);
    }, onAuthError);
  }, []);
  useEffect(() => {
    setStats(null);
    if (chosen) api.stats(chosen).then(setStats, onAuthError);
  }, [chosen]);
  if (sessions && !sessions.length) return html`<${ScreenTitle}>Research<//><p>No therapy sessions yet.</p>`;
  const charts = stats && researchCharts(stats);
  const session = sessions && sessions.find((s) => s.id === chosen);
  return html`<${ScreenTitle}>Research<//>
    <div class="field"><label for="research-session">Therapy session</label>
      <select id="research-session" class="input w-30" value=${chosen} onChange=${(e) => setChosen(e.currentTarget.value)}>
        ${(sessions || []).map((s) => html`<option key=${s.id} value=${s.id}>${s.name} (${s.id})</option>`)}
      </select></div>
    ${chosen && html`<p class="downloads">Download every action of ${session ? session.name : chosen}, with deleted bodies and research fields:
      <a id="export-csv" class="button-link" href=${api.exportUrl(chosen, 'csv')} download=${`${chosen}.csv`}>CSV</a>
      <a id="export-json" class="button-link" href=${api.exportUrl(chosen, 'json')} download=${`${chosen}.json`}>JSON</a></p>`}
    ${charts && html`<div class="charts">
      <${BarChart} id="chart-activity" title="Messages and reactions per member" unit="" data=${charts.activity} />
      <${BarChart} id="chart-attendance" title="Attendance (minutes present)" unit=" min" data=${charts.attendance} />
      <${BarChart} id="chart-ttc" title="Time to complete a message (time from first keystroke to send)" unit="" rowLabel="Took" data=${charts.timeToComplete} />
      <${LineChart} id="chart-words" title="Average words per message, minute by minute" data=${charts.words} />
    </div>`}`;
}
