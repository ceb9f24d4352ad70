// Turning API rows into DOM nodes. Article text is untrusted: it only ever goes in through textContent
// or text nodes, never as markup.
const numbers = new Intl.NumberFormat("en");

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export function fmt(n) {
  return numbers.format(Math.round(n));
}

export function short(n) {
  if (n >= 1e6) return `${+(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  return fmt(n);
}

// The sentence as text nodes, with the number (span = offsets inside the sentence) in a <mark>.
export function highlighted(sentence, span) {
  const frag = document.createDocumentFragment();
  const ok = Array.isArray(span) && span[0] >= 0 && span[1] > span[0] && span[1] <= sentence.length;
  if (!ok) {
    frag.append(document.createTextNode(sentence));
    return frag;
  }
  frag.append(document.createTextNode(sentence.slice(0, span[0])));
  frag.append(el("mark", { text: sentence.slice(span[0], span[1]) }));
  frag.append(document.createTextNode(sentence.slice(span[1])));
  return frag;
}

// "10,000–12,000 people/day (about)" for one figure row.
export function describe(row) {
  const amount = row.low === row.high ? fmt(row.low) : `${fmt(row.low)}–${fmt(row.high)}`;
  const per = row.kind === "rate" ? `/${row.rate_per || "day"}` : "";
  const kind = row.kind === "stock" ? " waiting" : row.kind === "total" ? " in total" : "";
  return `${amount} ${row.unit}${per}${kind}`;
}

export function period(row) {
  const start = row.period_start, end = row.period_end;
  if (start && end && start !== end) return `${start} – ${end}`;
  return end || start || "undated";
}

// Only http(s) links to the original article; anything else (javascript:, data:) is dropped.
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function sourceLabel(row) {
  return row.attributed_to || row.article_site || "unattributed";
}
