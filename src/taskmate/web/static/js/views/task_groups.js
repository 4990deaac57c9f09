// How the dashboard groups open tasks: by when (in the user's time zone), by project, or by
// day under their week.
import { addDays, calendarWords, dateWords, dayWords, weekStartOf } from "../dates.js";

const ORDER = ["Overdue", "Today", "Upcoming", "No date"];

export function whenGroup(task, today) {
  const due = task.due;
  if (!due) return "No date";
  if (due.date < today.date || (due.date === today.date && due.time && due.time < today.time)) return "Overdue";
  return due.date === today.date ? "Today" : "Upcoming";
}

export function groupTasks(tasks, { by, today, projects }) {
  const groups = new Map();
  const keyOf = by === "project"
    ? (task) => projects.get(task.project_id)?.name ?? "Inbox"
    : (task) => whenGroup(task, today);
  for (const task of tasks) {
    const key = keyOf(task);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(task);
  }
  const names = by === "project"
    ? [...groups.keys()].sort((a, b) => (a === "Inbox" ? -1 : b === "Inbox" ? 1 : a.localeCompare(b)))
    : ORDER.filter((name) => groups.has(name));
  return names.map((name) => ({ name, tasks: groups.get(name).sort(byDue) }));
}

// The days ahead that have tasks, in order, each under its week by the user's first day of the
// week ("This week", "Next week", "Week of Mon, Dec 21") and named in their words: "Tomorrow"
// or "Friday" with the date beside it, or the date alone further on.
export function dayGroups(tasks, { today, me }) {
  const days = new Map();
  for (const task of [...tasks].sort(byDue)) {
    if (!days.has(task.due.date)) days.set(task.due.date, []);
    days.get(task.due.date).push(task);
  }
  const thisWeek = weekStartOf(today.date, me);
  const weekWords = (date) => {
    const start = weekStartOf(date, me);
    if (start === thisWeek) return "This week";
    if (start === addDays(thisWeek, 7)) return "Next week";
    return `Week of ${calendarWords(start, me, today.date)}`;
  };
  return [...days].map(([date, members]) => {
    const name = dayWords(date, me, today.date);
    const detail = name === calendarWords(date, me, today.date) ? null : dateWords(date, me, today.date);
    return { name, detail, week: weekWords(date), tasks: members };
  });
}

export function byDue(a, b) {
  const key = (task) => (task.due ? `${task.due.date} ${task.due.time ?? ""}` : "~");
  return key(a).localeCompare(key(b)) || b.priority - a.priority || a.id - b.id;
}

// The order people gave a project or the inbox.
export function byPosition(a, b) {
  return a.position - b.position || a.id - b.id;
}
