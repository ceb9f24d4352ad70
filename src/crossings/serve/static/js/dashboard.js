// The corridor overview: filters → corridors (map + list) → one corridor's series, sources, conflicts
// and evidence. State lives in the URL's query string so a view can be shared.
import { AuthNeeded, askForToken, downloadWithToken, getJSON, query } from "./api.js";
import { drawSeries, tracks } from "./chart.js";
import { CorridorMap } from "./map.js";
import { initReviewer, reviewCell } from "./review.js";
import { describe, el, fmt, highlighted, period, safeUrl, short, sourceLabel } from "./text.js";

const FILTERS = ["since", "until", "unit", "kind", "source_type", "originals_only", "review"];
const REVIEW_SETS = { all: "all figures but rejected ones", reviewed: "reviewed figures only",
  recommended: "recommended figures only" };
const EVIDENCE_LIMIT = 500;
const $ = (id) => document.getElementById(id);

const state = { filters: {}, corridors: [], selected: null, countries: [], names: new Map(), map: null,
  series: null, track: 0, ticket: 0 };

function countryName(code) {
  return code === "?" ? "unknown" : state.names.get(code) || code;
}

function readFilters() {
  const form = $("filters");
  const data = new FormData(form);
  state.filters = Object.fromEntries(FILTERS.map((k) => [k, data.get(k) || ""]));
}

function writeUrl() {
  const params = { ...state.filters, corridor: state.selected ? state.selected.key : "" };
  history.replaceState(null, "", location.pathname + query(params));
  for (const format of ["csv", "json", "hxl"]) {
    $(`export-${format}`).href = `/api/export/figures${query({ ...state.filters, format })}`;
  }
}

function fillFormFromUrl() {
  const params = new URLSearchParams(location.search);
  const form = $("filters");
  for (const name of FILTERS) {
    const input = form.elements[name];
    if (!params.has(name)) continue;
    if (input.type === "checkbox") input.checked = params.get(name) === "true";
    else input.value = params.get(name);
  }
  return params.get("corridor");
}

// -- corridors ---------------------------------------------------------------------------------------

// What an arrow's width and the list's order go by: the cumulative flow (people first); a corridor with
// only stocks (people waiting) ranks after every corridor with a flow. The text names the unit unless
// it is people, and says "waiting" for a stock.
function volumeOf(c) {
  const flow = c.totals.find((t) => t.unit === "people") || c.totals[0];
  if (flow) return { value: flow.value, flow: true, text: amount(flow.value, flow.unit, "") };
  const latest = c.latest[0];
  if (!latest) return { value: 0, flow: false, text: "–" };
  return { value: latest.high, flow: false,
    text: amount(latest.high, latest.unit, latest.kind === "stock" ? " waiting" : "") };
}

function amount(value, unit, suffix) {
  return `${short(value)}${unit === "people" ? "" : ` ${unit}`}${suffix}`;
}

function toView(c) {
  const volume = volumeOf(c);
  const key = `${c.origin}-${c.destination}`;
  const label = `${countryName(c.origin)} → ${countryName(c.destination)}: ${volume.text} ` +
    `(${c.n_figures} figures, ${c.n_sources} sources)`;
  return { ...c, key, volume: volume.value, flow: volume.flow, volumeText: volume.text, label };
}

async function loadCorridors(wanted) {
  const rows = await getJSON("/api/corridors", state.filters);
  state.corridors = rows.map(toView)
    .sort((a, b) => b.flow - a.flow || b.volume - a.volume || b.n_figures - a.n_figures);
  renderCorridorList();
  if (state.map) state.map.drawBase(focusOf(state.corridors));
  const missing = state.map ? state.map.drawArrows(state.corridors, pick) : [];
  $("map-note").textContent = missing.length
    ? `${missing.length} corridor${missing.length > 1 ? "s" : ""} with an unknown or unmapped end: in the list only.`
    : "";
  const next = state.corridors.find((c) => c.key === (wanted || (state.selected && state.selected.key)));
  await pick(next ? next.key : state.corridors[0] && state.corridors[0].key);
}

function renderCorridorList() {
  const body = $("corridors").tBodies[0];
  body.replaceChildren(...state.corridors.map((c) => {
    const row = el("tr", { dataset: { key: c.key }, tabindex: "0" },
      el("td", { text: countryName(c.origin) }), el("td", { text: countryName(c.destination) }),
      el("td", { class: "num", text: fmt(c.n_figures) }), el("td", { class: "num", text: fmt(c.n_sources) }),
      el("td", { class: "num", text: c.volumeText }));
    row.addEventListener("click", () => pick(c.key));
    row.addEventListener("keydown", (e) => e.key === "Enter" && pick(c.key));
    return row;
  }));
  $("corridors-empty").hidden = state.corridors.length > 0;
}

async function pick(key) {
  state.selected = state.corridors.find((c) => c.key === key) || null;
  for (const row of $("corridors").tBodies[0].rows) {
    row.classList.toggle("selected", row.dataset.key === key);
  }
  if (state.map) state.map.select(state.selected);
  writeUrl();
  $("detail").hidden = $("evidence-card").hidden = !state.selected;
  if (!state.selected) return;
  const ticket = ++state.ticket; // answers for an earlier pick that arrive late are dropped
  const current = () => ticket === state.ticket;
  const c = state.selected;
  await Promise.all([loadSeries(c, current), loadEvidence(c, current), loadConflicts(c, current)]);
}

// -- one corridor ------------------------------------------------------------------------------------

function corridorParams(c) {
  return { ...state.filters, origin: c.origin === "?" ? "" : c.origin,
    destination: c.destination === "?" ? "" : c.destination };
}

async function loadSeries(c, current) {
  const path = `/api/corridors/${encodeURIComponent(c.origin)}/${encodeURIComponent(c.destination)}/series`;
  const series = await getJSON(path, state.filters);
  if (!current()) return;
  state.series = series;
  state.track = 0;
  $("detail-title").textContent = `${countryName(c.origin)} → ${countryName(c.destination)}`;
  $("detail-summary").textContent = summary(c, state.series);
  renderTrackChoice();
  renderChart();
  renderSources(state.series.sources);
}

function summary(c, series) {
  const parts = [`${c.n_figures} figure${c.n_figures === 1 ? "" : "s"} from ${c.n_sources} independent ` +
    `source${c.n_sources === 1 ? "" : "s"}`];
  if (c.newest_evidence) parts.push(`newest evidence ${c.newest_evidence}`);
  parts.push(`using ${REVIEW_SETS[series.review] || REVIEW_SETS.all}`);
  for (const t of series.cumulative) {
    parts.push(`${t.since} – ${t.until}: about ${fmt(t.value)} ${t.unit} (${fmt(t.low)}–${fmt(t.high)}), ` +
      `${t.days_with_evidence} of ${t.days_with_evidence + t.days_without_evidence} days with evidence`);
  }
  return parts.join(" · ");
}

function renderTrackChoice() {
  const all = tracks(state.series);
  const holder = $("track");
  holder.replaceChildren();
  holder.hidden = all.length < 2;
  all.forEach((t, i) => {
    const button = el("button", { type: "button", class: i === state.track ? "on" : "", text: t.label });
    button.addEventListener("click", () => { state.track = i; renderTrackChoice(); renderChart(); });
    holder.append(button);
  });
}

function renderChart() {
  const track = tracks(state.series)[state.track];
  const chart = track ? drawSeries($("chart"), state.series, track.unit, track.kind) : null;
  if (!track) $("chart").replaceChildren();
  $("chart").dataset.drawn = chart ? "true" : "false";
  $("chart-empty").hidden = !!chart;
}

function renderSources(sources) {
  $("sources").replaceChildren(...sources.map((s) => el("li", {},
    el("span", { class: "who", text: s.source }), " ",
    el("span", { class: `badge ${s.source_type}`, text: s.source_type.replace("_", " ") }),
    el("span", { class: "muted", text: ` ${s.figures} figure${s.figures === 1 ? "" : "s"} in ` +
      `${s.articles} article${s.articles === 1 ? "" : "s"}` }))));
}

async function loadConflicts(c, current) {
  const rows = (await getJSON("/api/conflicts", corridorParams(c)))
    .filter((x) => x.origin === c.origin && x.destination === c.destination);
  if (!current()) return;
  const items = rows.map((x) => el("li", {},
    el("strong", { text: `${x.ratio}× apart` }), ` ${x.start === x.end ? x.start : `${x.start} – ${x.end}`}: `,
    `${describe(x.lower)} (${sourceLabel(x.lower)}) vs ${describe(x.higher)} (${sourceLabel(x.higher)})`));
  $("conflicts").replaceChildren(...(items.length ? items : [el("li", { class: "muted", text: "none found" })]));
}

async function loadEvidence(c, current) {
  const page = await getJSON("/api/figures", { ...corridorParams(c), limit: EVIDENCE_LIMIT });
  if (!current()) return;
  const rows = page.items.filter((r) => (r.origin || "?") === c.origin && (r.destination || "?") === c.destination);
  rows.sort((a, b) => when(a).localeCompare(when(b)) || a.id - b.id);
  $("evidence").tBodies[0].replaceChildren(...rows.map(evidenceRow));
  const more = page.total > page.items.length ? ` (first ${page.items.length} of ${page.total})` : "";
  $("evidence-count").textContent = `${rows.length} figure${rows.length === 1 ? "" : "s"}${more}`;
}

// Sort key: the last day a figure speaks of; undated figures last.
function when(r) {
  return r.period_end || r.period_start || "9999";
}

function evidenceRow(r) {
  const url = safeUrl(r.article_url);
  const article = el("td", { class: "article" },
    el("a", { href: `/articles/${Number(r.article_id)}`, text: r.article_title || `article ${r.article_id}` }));
  if (url) {
    article.append(el("br"), el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank",
      class: "muted", text: r.article_site || new URL(url).host }));
  }
  return el("tr", { dataset: { figureId: r.id, review: r.review_state }, class: `review-${r.review_state}` },
    el("td", { class: "nowrap", text: period(r) }),
    el("td", {}, el("strong", { text: describe(r) }), el("br"), el("span", { class: "muted", text: r.qualifier })),
    el("td", { class: "sentence" }, highlighted(r.evidence.text, r.span)),
    el("td", {}, el("span", { text: sourceLabel(r) }), el("br"),
      el("span", { class: `badge ${r.source_type}`, text: r.source_type.replace("_", " ") })),
    article, reviewCell(r, () => refresh()));
}

// -- start -------------------------------------------------------------------------------------------

async function loadStats() {
  const [articles, figures] = await Promise.all([getJSON("/api/articles", { limit: 1 }),
    getJSON("/api/figures", { ...state.filters, limit: 1 })]);
  const a = articles.total == null ? "" : `${fmt(articles.total)} articles · `;
  $("stats").textContent = `${a}${fmt(figures.total)} figures match`;
}

async function refresh(wanted) {
  readFilters();
  try {
    if (!state.names.size) await loadCountries();
    if (!state.map) state.map = await loadMap();
    await Promise.all([loadCorridors(wanted), loadStats()]);
    document.body.dataset.ready = "true";
  } catch (error) {
    if (error instanceof AuthNeeded) return askForToken(() => refresh(wanted));
    document.body.dataset.ready = "error";
    $("map-note").textContent = `Could not load: ${error.message}`;
    throw error;
  }
}

async function loadCountries() {
  state.countries = await getJSON("/api/countries");
  for (const c of state.countries) state.names.set(c.alpha2, c.name);
}

// Null when the vendored libraries are missing (the page says so) or the atlas cannot be read.
async function loadMap() {
  if (typeof d3 === "undefined" || typeof topojson === "undefined") return null;
  const response = await fetch("/static/vendor/countries-50m.json");
  if (!response.ok) return null;
  const map = new CorridorMap($("map"), await response.json(), state.countries);
  map.drawBase();
  return map;
}

function focusOf(corridors) {
  return [...new Set(corridors.flatMap((c) => [c.origin, c.destination]))].filter((code) => code !== "?");
}

function redraw() {
  if (state.map) {
    state.map.drawBase(focusOf(state.corridors));
    state.map.drawArrows(state.corridors, pick);
    state.map.select(state.selected);
  }
  if (state.series) renderChart();
}

function start() {
  const wanted = fillFormFromUrl();
  const form = $("filters");
  form.addEventListener("change", () => refresh());
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(() => refresh(), 0));
  initReviewer(() => refresh());
  for (const format of ["csv", "json", "hxl"]) downloadWithToken($(`export-${format}`));
  let resizing;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(redraw, 200);
  });
  refresh(wanted);
}

start();
