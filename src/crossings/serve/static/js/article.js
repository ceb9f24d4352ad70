// The article reader: the stored text with every sentence that carries a figure marked. Text goes in
// through text nodes only.
import { AuthNeeded, askForToken, getJSON } from "./api.js";
import { describe, el, period, safeUrl, sourceLabel } from "./text.js";

const $ = (id) => document.getElementById(id);

// Non-overlapping [start, end, figures] ranges of the text, in order.
function ranges(text, figures) {
  const bySpan = new Map();
  for (const f of figures) {
    const { start, end } = f.evidence;
    if (!(start >= 0 && end > start && end <= text.length)) continue;
    const key = `${start}:${end}`;
    if (!bySpan.has(key)) bySpan.set(key, [start, end, []]);
    bySpan.get(key)[2].push(f);
  }
  const out = [];
  for (const r of [...bySpan.values()].sort((a, b) => a[0] - b[0])) {
    if (!out.length || r[0] >= out[out.length - 1][1]) out.push(r);
  }
  return out;
}

function render(article) {
  document.title = `${article.title || `Article ${article.id}`} · crossings`;
  $("article-title").textContent = article.title || "Untitled article";
  const url = safeUrl(article.url);
  const n = article.figures.length;
  $("article-meta").replaceChildren(
    `${article.site || "unknown site"} · published ${article.published || "date unknown"} · ${n} figure${n === 1 ? "" : "s"}`,
    ...(url ? [" · ", el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", text: "original" })] : []));
  const body = $("article-text");
  let at = 0;
  for (const [start, end, figures] of ranges(article.text, article.figures)) {
    body.append(document.createTextNode(article.text.slice(at, start)));
    const title = figures.map((f) => `${describe(f)}, ${period(f)}, ${sourceLabel(f)}`).join("\n");
    body.append(el("mark", { title, text: article.text.slice(start, end) }));
    at = end;
  }
  body.append(document.createTextNode(article.text.slice(at)));
  $("article-figures").replaceChildren(...(n ? article.figures.map(figureItem)
    : [el("li", { class: "muted", text: "none" })]));
  document.body.dataset.ready = "true";
}

function figureItem(f) {
  const corridor = `${f.origin || "?"} → ${f.destination || "?"}`;
  return el("li", {}, el("strong", { text: describe(f) }),
    ` (${f.qualifier}) · ${corridor} · ${period(f)} · ${sourceLabel(f)} (${f.source_type.replace("_", " ")})`);
}

async function start() {
  const id = Number($("reader").dataset.articleId);
  try {
    render(await getJSON(`/api/articles/${id}`));
  } catch (error) {
    if (error instanceof AuthNeeded) return askForToken(start);
    $("article-text").textContent = `Could not load this article: ${error.message}`;
  }
}

start();
