// Inline SVG charts. The picture is one image with a text alternative; the table beside it holds
// the same numbers for anyone who cannot see it or wants the exact values.
import { html } from '/vendor/htm-preact.js';
import { barLayout, linePoints, ticks } from './charts.js';

const W = 360;
const H = 160;
const LEFT = 34;
const BOTTOM = 40;
const TOP = 10;
const COLOURS = ['#2f5fd0', '#c2410c', '#15803d'];

function Axis({ max }) {
  return html`<g class="axis">${ticks(max, 4).map((t) => {
    const y = H - (t / max) * H;
    return html`<g key=${t}><line x1=${LEFT} x2=${LEFT + W} y1=${y} y2=${y} /><text x=${LEFT - 4} y=${y + 4} text-anchor="end">${t}</text></g>`;
  })}</g>`;
}

function Legend({ series }) {
  if (series.length < 2) return null;
  return html`<ul class="legend" aria-hidden="true">${series.map((s, i) => html`<li key=${s.name}>
    <span class=${`swatch s${i}`}></span>${s.name}</li>`)}</ul>`;
}

export function BarChart({ id, title, data, unit, rowLabel = 'Member' }) {
  const { max, bars } = barLayout(data.labels, data.series, { width: W, height: H });
  const summary = `${title}: ${data.labels.map((l, i) => `${l} ${data.series.map((s) => `${s.values[i]}${unit}`).join(' / ')}`).join('; ') || 'no data'}`;
  return html`<figure class="chart" id=${id} aria-labelledby=${`${id}-title`}>
    <figcaption id=${`${id}-title`}>${title}</figcaption>
    <div class="chart-body">
      <div><svg viewBox=${`0 ${-TOP} ${LEFT + W + 4} ${H + BOTTOM + TOP}`} role="img" aria-label=${summary} class="svg">
        <${Axis} max=${max} />
        <g transform=${`translate(${LEFT},0)`}>${bars.map((b, i) => html`<rect key=${i} class=${`s${data.series.findIndex((s) => s.name === b.series)}`}
          x=${b.x} y=${b.y} width=${b.width} height=${Math.max(b.height, 0)} />`)}
        ${data.labels.map((l, i) => html`<text key=${l + i} class="label" x=${(i + 0.5) * (W / Math.max(1, data.labels.length))} y=${H + 14}
          text-anchor="middle">${l.length > 14 ? `${l.slice(0, 13)}…` : l}</text>`)}</g>
      </svg><${Legend} series=${data.series} /></div>
      <table class="data compact"><caption class="visually-hidden">${title}</caption>
        <thead><tr><th scope="col">${rowLabel}</th>${data.series.map((s) => html`<th scope="col" class="num" key=${s.name}>${s.name}</th>`)}</tr></thead>
        <tbody>${data.labels.map((l, i) => html`<tr key=${l + i}><th scope="row">${l}</th>
          ${data.series.map((s) => html`<td class="num" key=${s.name}>${s.values[i]}</td>`)}</tr>`)}</tbody></table>
    </div>
  </figure>`;
}

export function LineChart({ id, title, data }) {
  const { max, points, path } = linePoints(data.averages, { width: W, height: H });
  const summary = `${title}: ${data.labels.map((l, i) => `minute ${l}: ${data.averages[i]} words`).join('; ') || 'no data'}`;
  return html`<figure class="chart" id=${id} aria-labelledby=${`${id}-title`}>
    <figcaption id=${`${id}-title`}>${title}</figcaption>
    <div class="chart-body">
      <div><svg viewBox=${`0 ${-TOP} ${LEFT + W + 4} ${H + BOTTOM + TOP}`} role="img" aria-label=${summary} class="svg">
        <${Axis} max=${max} />
        <g transform=${`translate(${LEFT},0)`}>
          ${points.length > 1 && html`<polyline class="line" points=${path} />`}
          ${points.map((p, i) => html`<circle key=${i} class="s0" cx=${p.x} cy=${p.y} r="3" />`)}
          ${data.labels.map((l, i) => html`<text key=${i} class="label" x=${points[i].x} y=${H + 14} text-anchor="middle">${l}</text>`)}
          <text class="label" x=${W / 2} y=${H + 32} text-anchor="middle">minute (UTC)</text></g>
      </svg></div>
      <table class="data compact"><caption class="visually-hidden">${title}</caption>
        <thead><tr><th scope="col">Minute (UTC)</th><th scope="col" class="num">Messages</th><th scope="col" class="num">Average words</th></tr></thead>
        <tbody>${data.labels.map((l, i) => html`<tr key=${i}><th scope="row">${l}</th><td class="num">${data.messages[i]}</td>
          <td class="num">${data.averages[i]}</td></tr>`)}</tbody></table>
    </div>
  </figure>`;
}
