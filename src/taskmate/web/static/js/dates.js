// Dates and times as the user chose to read them (clock, date format) in their time zone,
// worded like the assistant's replies: "Today at 5 PM", "Tomorrow at 17:00", "Sunday",
// "Sun, Dec 20" (or "Sun, 20 Dec", "Sun, 2026-12-20"), with the year when it is not this one.
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const NAMED_AHEAD = 6; // days ahead still called by their weekday's name
const DAY_MS = 86_400_000;

// The user's wall clock now: {date: "YYYY-MM-DD", time: "HH:MM"}.
export function todayIn(timeZone, now = new Date()) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(now);
  const part = (type) => parts.find((p) => p.type === type).value;
  return { date: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${part("minute")}` };
}

const utcDay = (isoDate) => new Date(`${isoDate}T00:00:00Z`);
const WEEK_STARTS = { sunday: 0, monday: 1, saturday: 6 };

// The calendar date `days` after "YYYY-MM-DD" (before, when negative).
export function addDays(isoDate, days) {
  return new Date(utcDay(isoDate).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

// The first day of the week that holds `isoDate`, by the user's first day of the week.
export function weekStartOf(isoDate, { week_start: start }) {
  const behind = (utcDay(isoDate).getUTCDay() - WEEK_STARTS[start] + 7) % 7;
  return addDays(isoDate, -behind);
}

// "5 PM", "5:30 PM" or "17:00" for "HH:MM".
export function clockWords(hhmm, { clock }) {
  if (clock === "24h") return hhmm.slice(0, 5);
  const [hour, minute] = hhmm.split(":").map(Number);
  const half = hour < 12 ? "AM" : "PM";
  const shown = hour % 12 || 12;
  return minute ? `${shown}:${String(minute).padStart(2, "0")} ${half}` : `${shown} ${half}`;
}

// The date without its weekday: "Dec 20", "20 Dec" or "2026-12-20", with a year not this one.
export function dateWords(isoDate, { date_format: order }, today) {
  if (order === "ymd") return isoDate;
  const day = utcDay(isoDate);
  const month = MONTHS[day.getUTCMonth()];
  const year = day.getUTCFullYear();
  const thisYear = String(year) === today.slice(0, 4);
  if (order === "dmy") return `${day.getUTCDate()} ${month}${thisYear ? "" : ` ${year}`}`;
  return `${month} ${day.getUTCDate()}${thisYear ? "" : `, ${year}`}`;
}

export function calendarWords(isoDate, me, today) {
  const weekday = WEEKDAYS[utcDay(isoDate).getUTCDay()].slice(0, 3);
  return `${weekday}, ${dateWords(isoDate, me, today)}`;
}

export function dayWords(isoDate, me, today = todayIn(me.timezone).date) {
  const ahead = Math.round((utcDay(isoDate) - utcDay(today)) / DAY_MS);
  if (ahead === 0) return "Today";
  if (ahead === 1) return "Tomorrow";
  if (ahead === -1) return "Yesterday";
  if (ahead > 1 && ahead <= NAMED_AHEAD) return WEEKDAYS[utcDay(isoDate).getUTCDay()];
  return calendarWords(isoDate, me, today);
}

// A task's due ({date, time?}, on the user's wall clock): "Tomorrow at 5 PM".
export function dueWords(due, me, today) {
  if (!due) return "";
  const day = dayWords(due.date, me, today);
  return due.time ? `${day} at ${clockWords(due.time, me)}` : day;
}

// An instant (ISO 8601) in the user's zone: "Today at 5 PM", "Sun, Dec 20 at 17:00".
export function instantWords(iso, me) {
  const local = todayIn(me.timezone, new Date(iso));
  return `${dayWords(local.date, me)} at ${clockWords(local.time, me)}`;
}

// Day words inside a sentence: "due today", "completed yesterday at 5 PM"; names stay capital.
export function midSentence(words) {
  return /^(Today|Yesterday|Tomorrow)/.test(words) ? words[0].toLowerCase() + words.slice(1) : words;
}
