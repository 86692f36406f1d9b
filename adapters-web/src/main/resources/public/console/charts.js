// Chart geometry as plain numbers: the views draw SVG from these, and the tables beside each
// chart show the same values.

/** A round upper bound for an axis (1, 2, 5 × 10^n), at least 1. */
export function niceMax(values) {
  const max = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** Evenly spaced tick values from 0 to max inclusive. */
export function ticks(max, count = 4) {
  const out = [];
  for (let i = 0; i <= count; i++) out.push(Math.round((max * i / count) * 100) / 100);
  return out;
}

/**
 * Grouped horizontal bars: one row per label (a member, a duration), one bar per series, so any
 * number of rows stays readable. Bars start at x 0 and are as long as their share of the axis;
 * the box is {width} wide and rows × rowHeight tall (y grows downwards, as in SVG).
 */
export function barLayout(labels, series, { width, rowHeight = 24, gap = 0.3 }) {
  const max = niceMax(series.flatMap((s) => s.values));
  const barHeight = (rowHeight * (1 - gap)) / Math.max(1, series.length);
  const bars = [];
  labels.forEach((label, i) => {
    series.forEach((s, j) => {
      const value = Number(s.values[i]) || 0;
      bars.push({ label, series: j, value, x: 0, width: (value / max) * width,
        y: i * rowHeight + (rowHeight * gap) / 2 + j * barHeight, height: barHeight });
    });
  });
  return { max, bars, height: labels.length * rowHeight };
}

/** A polyline's points for values over x positions 0..n-1 spread across the width. */
export function linePoints(values, { width, height }) {
  const max = niceMax(values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const points = values.map((v, i) => ({ x: values.length > 1 ? i * step : width / 2, y: height - ((Number(v) || 0) / max) * height, value: v }));
  return { max, points, path: points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ') };
}

function round(n) {
  return Math.round(n * 10) / 10;
}

/** "≤ 500 ms", "≤ 2 s", "≤ 1.5 min", or "longer" for the open last bucket (upToMs null). */
export function bucketLabel(upToMs) {
  if (upToMs === null || upToMs === undefined) return 'longer';
  if (upToMs < 1000) return `≤ ${upToMs} ms`;
  if (upToMs < 60000) return `≤ ${round(upToMs / 1000)} s`;
  return `≤ ${round(upToMs / 60000)} min`;
}

/** The research answer as the charts and tables show it. */
export function researchCharts(stats) {
  const members = (stats && stats.members) || [];
  const distribution = (stats && stats.timeToComplete) || [];
  const words = (stats && stats.wordsPerMessage) || [];
  return {
    activity: { labels: members.map((m) => m.displayName || m.id),
      series: [{ name: 'Messages', values: members.map((m) => m.messages || 0) },
        { name: 'Reactions', values: members.map((m) => m.reactions || 0) }] },
    attendance: { labels: members.map((m) => m.displayName || m.id),
      series: [{ name: 'Minutes present', values: members.map((m) => round(Number(m.attendanceMinutes) || 0)) }] },
    timeToComplete: { labels: distribution.map((b) => bucketLabel(b.upToMs)),
      series: [{ name: 'Messages', values: distribution.map((b) => b.count || 0) }] },
    words: { labels: words.map((w) => minuteLabel(w.minute)), averages: words.map((w) => round(Number(w.averageWords) || 0)),
      messages: words.map((w) => w.messages || 0) },
  };
}

/** A minute of the session as a label: the server names it by its start instant ("18:05", UTC). */
export function minuteLabel(minute) {
  const text = String(minute ?? '');
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) ? text.slice(11, 16) : text;
}
