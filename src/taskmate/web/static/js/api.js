// The REST client: cookie session with the CSRF header, one silent refresh on 401, and
// back to the login page (drafts stay in localStorage) when the session cannot be renewed.
import { applyTheme } from "./theme.js";

const PREFIX = "/api/v1";
const SAFE = new Set(["GET", "HEAD"]);

export class ApiError extends Error {
  constructor(status, code, message, details = {}, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }

  get retryable() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export function cookie(name) {
  const found = document.cookie.split("; ").find((pair) => pair.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
}

let refreshing = null;

// Tabs racing to refresh get the same pair from the server; within a tab, one request.
export function refreshSession() {
  refreshing ??= fetch(`${PREFIX}/auth/refresh`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "X-CSRF-Token": cookie("taskmate_csrf") },
  }).then((response) => response.ok, () => false).finally(() => { refreshing = null; });
  return refreshing;
}

let signingOut = false;

// A deliberate sign-out goes to the plain login page; the socket closing with "session ended"
// on the way must not send the user there with a `next` of its own. `false` when it failed.
export function signingOutNow(now = true) {
  signingOut = now;
}

export function goToLogin() {
  if (signingOut) return;
  const next = location.pathname + location.search;
  location.assign(`/login?next=${encodeURIComponent(next)}`);
}

async function send(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (!SAFE.has(method)) headers["X-CSRF-Token"] = cookie("taskmate_csrf");
  try {
    return await fetch(PREFIX + path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "offline", "You seem to be offline. We'll keep trying when you're back.");
  }
}

async function failure(response) {
  const data = await response.json().catch(() => null);
  const error = data?.error ?? {};
  const retryAfter = Number(response.headers.get("Retry-After")) || null;
  return new ApiError(response.status, error.code ?? "http_error",
    error.message ?? `The server answered ${response.status}. Please try again.`,
    error.details ?? {}, retryAfter);
}

export async function api(path, { method = "GET", body, signedOut = goToLogin } = {}) {
  let response = await send(method, path, body);
  if (response.status === 401 && !path.startsWith("/auth/")) {
    if (await refreshSession()) response = await send(method, path, body);
    if (response.status === 401) {
      signedOut();
      throw await failure(response);
    }
  }
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : response.json();
}

let me = null;
export function currentUser() {
  me ??= api("/me").then((user) => {
    applyTheme(user.theme);
    return user;
  });
  return me;
}
