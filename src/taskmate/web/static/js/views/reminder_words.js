// Reminders in the person's words, on their wall clock: "Today at 6:00 PM", never ISO.
import { midSentence as lower } from "../dates.js";

const DAY_MS = 86_400_000;
const RELATIVE = new Map([[0, "Today"], [-1, "Yesterday"], [1, "Tomorrow"]]);
export const SNOOZE_MINUTES = 10;

function localDate(instant, timeZone) {
  return new Intl.DateTimeFormat("en-CA",
    { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

// A local calendar date ("2026-03-10") as "Today", "Tomorrow" or "Tue, Mar 10".
function dayWords(date, timeZone, now) {
  const days = Math.round((Date.parse(date) - Date.parse(localDate(now, timeZone))) / DAY_MS);
  return RELATIVE.get(days) ?? new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined,
    { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" });
}

// An instant (ISO text from the API) on the user's clock: "Today at 6:00 PM".
export function momentWords(instant, timeZone, now = new Date()) {
  const when = new Date(instant);
  const time = when.toLocaleTimeString(undefined, { timeZone, hour: "numeric", minute: "2-digit" });
  return `${dayWords(localDate(when, timeZone), timeZone, now)} at ${time}`;
}

// When a notification fired, as the bell shows it.
export function firedWords(notification, timeZone, now = new Date()) {
  const fired = momentWords(notification.fired_at, timeZone, now);
  if (notification.missed) return `Missed: it came due while Taskmate was down (${lower(fired)})`;
  if (notification.snoozed_until) {
    return `${fired}, snoozed until ${lower(momentWords(notification.snoozed_until, timeZone, now))}`;
  }
  return fired;
}

// What the system notification says under the task's title: "Reminder: due today at 6:00 PM."
export function reminderBody(task, timeZone, now = new Date()) {
  const due = task.due;
  if (!due) return "Reminder.";
  const day = lower(dayWords(due.date, timeZone, now));
  const time = due.time && new Date(`1970-01-01T${due.time}:00Z`).toLocaleTimeString(undefined,
    { timeZone: "UTC", hour: "numeric", minute: "2-digit" });
  return `Reminder: due ${day}${time ? ` at ${time}` : ""}.`;
}

export function toastWords(task) {
  return `Reminder: ${task.title}`;
}

export function snoozedWords(notification, timeZone) {
  return `Snoozed until ${lower(momentWords(notification.snoozed_until, timeZone))}.`;
}
