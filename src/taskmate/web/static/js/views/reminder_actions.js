// What a person can do with a reminder that fired, from the bell or its toast: complete the
// task, snooze it, or just mark it read. Failures are said in a toast; each returns the
// server's answer (null when it failed).
import { api } from "../api.js";
import { showError, toast } from "../toast.js";
import { SNOOZE_MINUTES, snoozedWords } from "./reminder_words.js";

async function attempt(call) {
  try {
    return await call();
  } catch (error) {
    showError(error);
    return null;
  }
}

export function completeTask(task) {
  return attempt(async () => {
    const done = await api(`/tasks/${task.id}/complete`, { method: "POST" });
    toast(`Completed “${task.title}”.`);
    return done;
  });
}

export function snooze(notificationId, timeZone) {
  return attempt(async () => {
    const snoozed = await api(`/notifications/${encodeURIComponent(notificationId)}/snooze`,
      { method: "POST", body: { minutes: SNOOZE_MINUTES } });
    toast(snoozedWords(snoozed, timeZone));
    return snoozed;
  });
}

export function markRead(notificationId) {
  return attempt(() => api(`/notifications/${encodeURIComponent(notificationId)}/read`,
    { method: "POST" }));
}
