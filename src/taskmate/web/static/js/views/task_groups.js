// How the dashboard groups open tasks: by when (in the user's time zone) or by project.
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

function byDue(a, b) {
  const key = (task) => (task.due ? `${task.due.date} ${task.due.time ?? ""}` : "~");
  return key(a).localeCompare(key(b)) || b.priority - a.priority || a.id - b.id;
}
