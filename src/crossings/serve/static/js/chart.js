// The daily series of one corridor track with uPlot: central line, low–high band, and each source figure
// as a point at the last day it speaks of. Uses the uPlot global.
import { fmt, short } from "./text.js";

const DAY = 86400;

function seconds(date) {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

// Points and markers of one track on one shared, gap-free daily axis (null where nothing is known).
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// "Sep 21", with the year under the first tick and wherever it changes.
function dayLabels(ticks) {
  return ticks.map((t, i) => {
    const d = new Date(t * 1000);
    const year = d.getUTCFullYear();
    const shown = i === 0 || new Date(ticks[i - 1] * 1000).getUTCFullYear() !== year;
    return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}${shown ? `\n${year}` : ""}`;
  });
}

export function columns(series, unit, kind) {
  const points = series.points.filter((p) => p.unit === unit && p.kind === kind);
  const markers = series.markers.filter((m) => m.unit === unit && m.kind === kind);
  const days = [...points.map((p) => p.date), ...markers.map((m) => m.date)].map(seconds);
  if (!days.length) return null;
  const [first, last] = [Math.min(...days), Math.max(...days)];
  const xs = [];
  for (let t = first; t <= last; t += DAY) xs.push(t);
  const at = (rows, field) => {
    const byDay = new Map(rows.map((r) => [seconds(r.date), r[field]]));
    return xs.map((t) => (byDay.has(t) ? byDay.get(t) : null));
  };
  return [xs, at(points, "value"), at(points, "low"), at(points, "high"), at(markers, "value")];
}

export function drawSeries(container, series, unit, kind) {
  container.replaceChildren();
  const data = columns(series, unit, kind);
  if (!data) return null;
  const label = kind === "stock" ? `${unit} waiting` : `${unit} per day`;
  const opts = {
    width: Math.max(320, container.clientWidth),
    height: 280,
    // A day of margin each side, so a series of one day is a dot in the middle, not a blank year.
    scales: { x: { time: true, range: (u, min, max) => [min - DAY, max + DAY] },
      y: { range: (u, min, max) => [0, Math.max(10, max * 1.1)] } },
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    axes: [{ stroke: "#4a5560", grid: { stroke: "#eef0f2" }, space: 60,
      incrs: [1, 2, 7, 14, 28, 56, 91, 182, 364].map((d) => d * DAY), values: (u, ticks) => dayLabels(ticks) },
      { stroke: "#4a5560", grid: { stroke: "#eef0f2" }, size: 56, values: (u, ticks) => ticks.map(short) }],
    series: [
      { value: (u, t) => (t == null ? "" : new Date(t * 1000).toISOString().slice(0, 10)) },
      { label, stroke: "#1f5f99", width: 2, points: { show: true, size: 5 },
        value: (u, v) => (v == null ? "–" : fmt(v)) },
      { label: "low", stroke: "#9cbbd8", width: 1, value: (u, v) => (v == null ? "–" : fmt(v)) },
      { label: "high", stroke: "#9cbbd8", width: 1, value: (u, v) => (v == null ? "–" : fmt(v)) },
      { label: "source figures", stroke: "#c2571a", width: 0, paths: () => null,
        points: { show: true, size: 8, fill: "#c2571a", stroke: "#ffffff" },
        value: (u, v) => (v == null ? "–" : fmt(v)) },
    ],
    bands: [{ series: [3, 2], fill: "rgba(31, 95, 153, 0.14)" }],
    legend: { live: true },
    cursor: { points: { size: 7 } },
  };
  return new uPlot(opts, data, container);
}

// The tracks a series has, people and flows first: [{unit, kind, label}].
export function tracks(series) {
  const seen = new Map();
  for (const p of [...series.points, ...series.markers]) {
    const key = `${p.unit}/${p.kind}`;
    if (!seen.has(key)) seen.set(key, { unit: p.unit, kind: p.kind,
      label: p.kind === "stock" ? `${p.unit} waiting` : `${p.unit} crossing per day` });
  }
  return [...seen.values()].sort((a, b) =>
    (a.unit !== "people") - (b.unit !== "people") || (a.kind !== "flow") - (b.kind !== "flow"));
}
