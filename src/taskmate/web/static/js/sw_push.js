// Reminders as system notifications (a classic script the service worker imports). Each
// shows once: its tag is the reminder's notification id, so a retried push replaces it.
// "Done" and "Snooze 10 min" call the API with the cookie session without opening the app
// (the CSRF token is read with cookieStore, which Chromium's workers have; browsers that
// show no actions have none to offer); when a call cannot be made the app opens instead.
const API = "/api/v1";
const SNOOZE_MINUTES = 10;

self.addEventListener("push", (event) => {
  const reminder = event.data?.json();
  if (!reminder) return;
  const actions = reminder.task_id == null ? [] : [
    { action: "done", title: "Done" },
    { action: "snooze", title: `Snooze ${SNOOZE_MINUTES} min` },
  ];
  event.waitUntil(self.registration.showNotification(reminder.title, {
    body: reminder.body,
    tag: reminder.notification_id,
    icon: "/static/favicon.svg",
    data: reminder,
    actions,
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(answer(event.action, event.notification.data ?? {}));
});

async function answer(action, reminder) {
  if (action === "done" && await post(`/tasks/${reminder.task_id}/complete`)) return;
  if (action === "snooze" && await post(
    `/notifications/${encodeURIComponent(reminder.notification_id)}/snooze`,
    { minutes: SNOOZE_MINUTES })) return;
  await openApp();
}

async function csrfToken() {
  const found = await self.cookieStore?.get("taskmate_csrf").catch(() => null);
  return found ? decodeURIComponent(found.value) : "";
}

async function send(path, body) {
  const headers = { "X-CSRF-Token": await csrfToken() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(API + path, {
    method: "POST",
    credentials: "same-origin",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => null);
}

// The access cookie lives minutes; one refresh (the refresh cookie is sent to /auth only).
async function post(path, body) {
  let response = await send(path, body);
  if (response?.status === 401 && (await send("/auth/refresh"))?.ok) {
    response = await send(path, body);
  }
  return Boolean(response?.ok);
}

async function openApp() {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (open) return open.focus();
  return self.clients.openWindow("/");
}
