// Log in and sign up. A session whose access token expired is renewed silently first.
import { ApiError, api, cookie, refreshSession } from "./api.js";

const form = document.querySelector("form.auth");
const errorBox = document.getElementById("form-error");
const signingUp = form.dataset.mode === "signup";

// Where to go after signing in: a page of this site only. The browser resolves `next` as it
// would a link (backslashes, tabs and newlines included), so a string that merely looks like a
// path, such as "/\\evil.example", cannot lead elsewhere.
function nextPage() {
  const next = new URLSearchParams(location.search).get("next") ?? "/";
  let target;
  try {
    target = new URL(next, location.origin);
  } catch {
    return "/";
  }
  return target.origin === location.origin ? target.pathname + target.search + target.hash : "/";
}

for (const link of document.querySelectorAll("a[data-keep-next]")) {
  link.search = location.search;
}

if (!signingUp && cookie("taskmate_csrf") && (await refreshSession())) {
  location.replace(nextPage());
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(form));
  const body = { email: data.email, password: data.password, session: "cookie" };
  if (signingUp) {
    body.name = data.name || undefined;
    body.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  errorBox.hidden = true;
  try {
    await api(signingUp ? "/auth/register" : "/auth/login", { method: "POST", body, signedOut: () => {} });
    location.assign(nextPage());
  } catch (error) {
    errorBox.textContent = describe(error);
    errorBox.hidden = false;
    errorBox.focus();
    button.disabled = false;
  }
});

function describe(error) {
  if (!(error instanceof ApiError)) return "Something went wrong. Please try again.";
  const fields = error.details?.fields;
  if (fields?.length) return fields.map((field) => `${field.field}: ${field.message}`).join(" ");
  return error.message;
}
