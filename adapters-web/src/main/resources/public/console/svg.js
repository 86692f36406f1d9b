// Inline SVG charts. The picture is one image with a text alternative; the table beside it holds
// the same numbers for anyone who cannot see it or wants the exact values.
import { html } from '/vendor/htm-preact.js';
import { barLayout, linePoints, ticks } from './charts.js';

const W = 260;
const H = 160;
const LABELS = 120;
const LEFT = 34;
const AXIS = 22;
const ROW = 22;

function Legend({ series }) {
  if (series.length < 2) return null;
  return html`<ul class="legend" aria-hidden="true">${series.map((s, i) => html`<li key=${s.name}>
    <span class=${`swatch s${i}`}></span>${s.name}</li>`)}</ul>`;
}

function short(label) {
  return label.length > 16 ? `${label.slice(0, 15)}…` : label;
}

/** Horizontal bars, one row per label; the value axis runs along the bottom. */
export function BarChart({ id, title, data, unit, rowLabel = 'Member' }) {
  const { max, bars, height } = barLayout(data.labels, data.series, { width: W, rowHeight: ROW });
  const summary = `${title}: ${data.labels.map((l, i) => `${l} ${data.series.map((s) => `${s.values[i]}${unit}`).join(' / ')}`).join('; ') || 'no data'}`;
  return html`<figure class="chart" id=${id} aria-labelledby=${`${id}-title`}>
    <figcaption id=${`${id}-title`}>${title}</figcaption>
    <div class="chart-body">
      <div><svg viewBox=${`0 -4 ${LABELS + W + 14} ${height + AXIS + 4}`} role="img" aria-label=${summary} class="svg">
        <g class="axis">${ticks(max, 4).map((t) => {
          const x = LABELS + (t / max) * W;
          return html`<g key=${t}><line x1=${x} x2=${x} y1="0" y2=${height} /><text x=${x} y=${height + 14} text-anchor="middle">${t}</text></g>`;
        })}</g>
        ${data.labels.map((l, i) => html`<text key=${`l${i}`} class="label" x=${LABELS - 6} y=${i * ROW + ROW / 2 + 4} text-anchor="end">${short(l)}</text>`)}
        <g transform=${`translate(${LABELS},0)`}>${bars.map((b, i) => html`<rect key=${i} class=${`s${b.series}`}
          x=${b.x} y=${b.y} width=${Math.max(b.width, 0)} height=${b.height} />`)}</g>
      </svg><${Legend} series=${data.series} /></div>
      <table class="data compact"><caption class="visually-hidden">${title}</caption>
        <thead><tr><th scope="col">${rowLabel}</th>${data.series.map((s) => html`<th scope="col" class="num" key=${s.name}>${s.name}</th>`)}</tr></thead>
        <tbody>${data.labels.map((l, i) => html`<tr key=${l + i}><th scope="row">${l}</th>
          ${data.series.map((s) => html`<td class="num" key=${s.name}>${s.values[i]}</td>`)}</tr>`)}</tbody></table>
    </div>
  </figure>`;
}

export function LineChart({ id, title, data }) {
  const { max, points, path } = linePoints(data.averages, { width: W + LABELS - LEFT, height: H });
  const summary = `${title}: ${data.labels.map((l, i) => `${l}: ${data.averages[i]} words`).join('; ') || 'no data'}`;
  return html`<figure class="chart" id=${id} aria-labelledby=${`${id}-title`}>
    <figcaption id=${`${id}-title`}>${title}</figcaption>
    <div class="chart-body">
      <div><svg viewBox=${`0 -10 ${LABELS + W + 14} ${H + 50}`} role="img" aria-label=${summary} class="svg">
        <g class="axis">${ticks(max, 4).map((t) => {
          const y = H - (t / max) * H;
          return html`<g key=${t}><line x1=${LEFT} x2=${LABELS + W} y1=${y} y2=${y} /><text x=${LEFT - 4} y=${y + 4} text-anchor="end">${t}</text></g>`;
        })}</g>
        <g transform=${`translate(${LEFT},0)`}>
          ${points.length > 1 && html`<polyline class="line" points=${path} />`}
          ${points.map((p, i) => html`<circle key=${i} class="s0" cx=${p.x} cy=${p.y} r="3" />`)}
          ${data.labels.map((l, i) => (i % Math.ceil(data.labels.length / 8) === 0
            ? html`<text key=${i} class="label" x=${points[i].x} y=${H + 14} text-anchor="middle">${l}</text>` : null))}
          <text class="label" x=${(W + LABELS - LEFT) / 2} y=${H + 32} text-anchor="middle">minute (UTC)</text></g>
      </svg></div>
      <table class="data compact"><caption class="visually-hidden">${title}</caption>
        <thead><tr><th scope="col">Minute (UTC)</th><th scope="col" class="num">Messages</th><th scope="col" class="num">Average words</th></tr></thead>
        <tbody>${data.labels.map((l, i) => html`<tr key=${i}><th scope="row">${l}</th><td class="num">${data.messages[i]}</td>
          <td class="num">${data.averages[i]}</td></tr>`)}</tbody></table>
    </div>
  </figure>`;
}
