// Fetching from the crossings API: query strings from filter objects, the optional read token, errors.
const TOKEN_KEY = "crossings.token";

export class AuthNeeded extends Error {}

export function query(params) {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "" && value !== false) qs.set(key, String(value));
  }
  const text = qs.toString();
  return text ? `?${text}` : "";
}

export async function getJSON(path, params = {}) {
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path + query(params), { headers, credentials: "same-origin" });
  if (response.status === 401 || response.status === 403) throw new AuthNeeded(await response.text());
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

export function askForToken(onToken) {
  const form = document.getElementById("token-form");
  if (!form) return;
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, new FormData(form).get("token"));
    form.hidden = true;
    onToken();
  }, { once: true });
}

// A link to a token-protected file (an export) cannot send the Authorization header itself: with a
// token stored, fetch the file with it and hand the browser the bytes under the server's file name.
export function downloadWithToken(link) {
  link.addEventListener("click", async (event) => {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) return;
    event.preventDefault();
    const response = await fetch(link.href, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${link.href}: HTTP ${response.status}`);
    const named = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
    const save = document.createElement("a");
    save.href = URL.createObjectURL(await response.blob());
    save.download = named ? named[1] : "export";
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(save.href), 1000);
  });
}
