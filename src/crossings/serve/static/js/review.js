// Reviewing figures from the evidence table: sign in (a user account, or the operator's token), then
// accept / correct / reject / recommend each figure and read its history. The credential lives in
// sessionStorage only (gone when the tab closes). Everything from the API goes in as textContent.
import { el, fmt } from "./text.js";

const KEY = "crossings.reviewer";
const CORRECTABLE = ["low", "high", "origin", "destination", "period_start", "period_end"];
const ACTIONS = [["accept", "Accept"], ["correct", "Correct…"], ["reject", "Reject"], ["recommend", "Recommend"]];
const $ = (id) => document.getElementById(id);

export function reviewer() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch {
    return null;
  }
}

async function call(method, path, body, token = (reviewer() || {}).token) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin" });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const detail = data && data.detail;
    const message = typeof detail === "string" ? detail : (detail && detail.message) || `HTTP ${response.status}`;
    if (response.status === 401) sessionStorage.removeItem(KEY);
    throw new Error(message);
  }
  return data;
}

// -- signing in --------------------------------------------------------------------------------------

export function initReviewer(onChange) {
  const form = $("review-login");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const token = String(data.get("token") || "").trim();
      const who = token ? { ...(await call("GET", "/api/me", undefined, token)), token }
        : await call("POST", "/api/login", { name: data.get("name"), password: data.get("password") });
      sessionStorage.setItem(KEY, JSON.stringify({ token: who.token, name: who.name, role: who.role,
        can_review: who.can_review }));
      form.reset();
      showReviewer();
      onChange();
    } catch (error) {
      $("review-login-error").textContent = `Could not sign in: ${error.message}`;
    }
  });
  $("review-logout").addEventListener("click", async () => {
    const who = reviewer();
    sessionStorage.removeItem(KEY);
    if (who && who.name !== "operator") await call("POST", "/api/logout", undefined, who.token).catch(() => null);
    showReviewer();
    onChange();
  });
  showReviewer();
}

function showReviewer() {
  const who = reviewer();
  $("review-login").hidden = !!who;
  $("review-signed-in").hidden = !who;
  $("review-login-error").textContent = "";
  $("review-who").textContent = who ? `${who.name} (${who.role})` : "";
  $("review-note").textContent = who && !who.can_review ? "Readers can see each figure's history but not review." : "";
}

// -- one figure's cell ------------------------------------------------------------------------------

export function reviewCell(row, onChange) {
  const who = reviewer();
  const cell = el("td", { class: "review" }, stateBadge(row));
  if (row.review_state === "corrected" && row.machine_values) {
    cell.append(el("div", { class: "muted machine", text: `machine read ${amount(row.machine_values)}` }));
  }
  if (!who) return cell;
  const status = el("div", { class: "review-status", role: "status" });
  if (who.can_review) cell.append(actions(row, status, onChange));
  const history = el("ol", { class: "history", hidden: "" });
  const toggle = el("button", { type: "button", class: "link", dataset: { action: "history" }, text: "History" });
  toggle.addEventListener("click", () => showHistory(row.id, history, status));
  cell.append(toggle, status, history);
  return cell;
}

function stateBadge(row) {
  const badge = el("span", { class: `state ${row.review_state || "unreviewed"}`, text: row.review_state || "unreviewed" });
  return row.recommended ? el("span", {}, badge, " ", el("span", { class: "state recommended", text: "recommended" }))
    : badge;
}

function amount(values) {
  return values.low === values.high ? fmt(values.low) : `${fmt(values.low)}–${fmt(values.high)}`;
}

function actions(row, status, onChange) {
  const box = el("div", { class: "actions" });
  const reason = el("input", { type: "text", name: "reason", placeholder: "reason (optional)", maxlength: "2000" });
  const fix = correctionForm(row, reason, status, onChange);
  for (const [action, label] of ACTIONS) {
    const button = el("button", { type: "button", dataset: { action }, text: label });
    button.addEventListener("click", () => {
      if (action === "correct") fix.hidden = !fix.hidden;
      else decide(row.id, { action, reason: reason.value || null }, status, onChange);
    });
    box.append(button);
  }
  box.append(reason, fix);
  return box;
}

function correctionForm(row, reason, status, onChange) {
  const form = el("form", { class: "correction", hidden: "" });
  for (const name of CORRECTABLE) {
    const value = row[name] == null ? "" : String(row[name]);
    const type = name.startsWith("period") ? "date" : name === "low" || name === "high" ? "number" : "text";
    const input = el("input", { name, type, value });
    if (type === "number") input.min = "0";
    form.append(el("label", {}, name.replace("_", " "), input));
  }
  form.append(el("button", { type: "submit", text: "Save correction" }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const fields = {};
    for (const name of CORRECTABLE) {
      const raw = form.elements[name].value.trim();
      const old = row[name] == null ? "" : String(row[name]);
      if (raw === old) continue;
      let value = raw === "" ? null : raw;
      if (value !== null && (name === "low" || name === "high")) value = Number(raw);
      if (value !== null && (name === "origin" || name === "destination")) value = raw.toUpperCase();
      fields[name] = value;
    }
    if (!Object.keys(fields).length) {
      status.textContent = "Nothing changed.";
      return;
    }
    decide(row.id, { action: "correct", fields, reason: reason.value || null }, status, onChange);
  });
  return form;
}

async function decide(id, body, status, onChange) {
  status.textContent = "Saving…";
  try {
    await call("POST", `/api/figures/${Number(id)}/review`, body);
    status.textContent = "Saved.";
    await onChange();
  } catch (error) {
    status.textContent = `Not saved: ${error.message}`;
  }
}

async function showHistory(id, list, status) {
  if (!list.hidden) {
    list.hidden = true;
    return;
  }
  try {
    const entries = await call("GET", `/api/figures/${Number(id)}/history`);
    list.replaceChildren(...(entries.length ? entries.map(historyItem)
      : [el("li", { class: "muted", text: "not reviewed yet" })]));
    list.hidden = false;
  } catch (error) {
    status.textContent = `No history: ${error.message}`;
  }
}

function historyItem(entry) {
  const changes = Object.keys(entry.after).filter((k) => entry.before[k] !== entry.after[k])
    .map((k) => `${k} ${show(entry.before[k])} → ${show(entry.after[k])}`);
  return el("li", { dataset: { action: entry.action } },
    el("span", { class: "when", text: entry.at.slice(0, 16).replace("T", " ") }), " ",
    el("strong", { text: entry.reviewer }), ` ${entry.action}${entry.applied ? "" : " (superseded)"}`,
    changes.length ? `: ${changes.join(", ")}` : "",
    entry.reason ? el("span", { class: "muted", text: ` — ${entry.reason}` }) : null);
}

function show(value) {
  return value === null || value === undefined ? "∅" : typeof value === "number" ? fmt(value) : String(value);
}
