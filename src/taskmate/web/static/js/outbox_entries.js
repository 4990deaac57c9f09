// Where the outbox keeps the messages on their way to the server: in localStorage, so that
// what was typed offline, or before a crash or a reload, survives; read by the outbox and by
// the offline page (which the service worker shows without the rest of the app).
export const OUTBOX_KEY = "taskmate.outbox";

export function outboxEntries(storage = localStorage) {
  try {
    return JSON.parse(storage.getItem(OUTBOX_KEY) ?? "[]");
  } catch {
    return [];
  }
}
