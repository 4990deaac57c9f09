// A reminder that fires while the app is open: a toast with Done and Snooze, and a system
// notification when the person allowed them and this browser has no Web Push subscription
// (with one, the service worker already shows it: never two). Each notification id alerts
// once per tab, however often its frame arrives (a resumed stream, several connections); the
// system notification's tag is that id, so several tabs' notifications collapse into one.
import { toast } from "../toast.js";
import { completeTask, snooze } from "./reminder_actions.js";
import { SNOOZE_MINUTES, reminderBody, toastWords } from "./reminder_words.js";

const TOAST_SECONDS = 60;

async function pushSubscribed() {
  if (!("serviceWorker" in navigator)) return false;
  const registration = await navigator.serviceWorker.getRegistration().catch(() => null);
  return Boolean(await registration?.pushManager?.getSubscription().catch(() => null));
}

async function showSystemNotification(frame, timeZone) {
  if (!("Notification" in window) || Notification.permission !== "granted") return;
  if (await pushSubscribed()) return;
  let notice;
  try {
    notice = new Notification(frame.task.title, {
      body: reminderBody(frame.task, timeZone),
      tag: frame.notification_id,
      icon: "/static/favicon.svg",
    });
  } catch {
    return; // pages of some browsers (Chrome on Android) may not make one: the toast is there
  }
  notice.onclick = () => {
    focus();
    notice.close();
  };
}

export function watchReminders({ me, live }) {
  const alerted = new Set();
  live.on("reminder", (frame) => {
    if (alerted.has(frame.notification_id)) return;
    alerted.add(frame.notification_id);
    toast(toastWords(frame.task), {
      seconds: TOAST_SECONDS,
      kind: "reminder",
      actions: [
        { label: "Done", onAction: () => completeTask(frame.task) },
        { label: `Snooze ${SNOOZE_MINUTES} min`, onAction: () => snooze(frame.notification_id, me.timezone) },
      ],
    });
    showSystemNotification(frame, me.timezone);
  });
}
