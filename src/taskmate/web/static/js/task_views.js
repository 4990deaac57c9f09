// The dashboard's views of tasks: the address that opens each (`/` for all open tasks,
// `/?view=today`, `/?project=3`, `/?label=home`), its name, which tasks it shows and how it
// orders and groups them. Completed and Trash are read from the server (`status`); the others
// are made from the open tasks the dashboard holds.
import { addDays } from "./dates.js";
import { byDue, byPosition, dayGroups, groupTasks } from "./views/task_groups.js";

export const UPCOMING_DAYS = 14;
const NAMED = { all: "All tasks", inbox: "Inbox", today: "Today", upcoming: "Upcoming", completed: "Completed", trash: "Trash" };

const isOpen = (task) => !task.completed_at && !task.deleted_at;
const OPEN_VIEWS = {
  all: () => true,
  inbox: (task) => task.project_id === null,
  today: (task, { today }) => Boolean(task.due) && task.due.date <= today.date,
  upcoming: (task, { today }) => Boolean(task.due) && task.due.date > today.date
    && task.due.date <= addDays(today.date, UPCOMING_DAYS),
  project: (task, { view }) => task.project_id === view.id,
  label: (task, { view }) => task.labels.includes(view.label),
};
const newestFirst = (stamp) => (a, b) => b[stamp].localeCompare(a[stamp]) || b.id - a.id;
const ARCHIVES = {
  completed: { status: "done", shows: (task) => Boolean(task.completed_at) && !task.deleted_at, order: newestFirst("completed_at") },
  trash: { status: "deleted", shows: (task) => Boolean(task.deleted_at), order: newestFirst("deleted_at") },
};

const EMPTY = {
  all: "Nothing to do yet.",
  inbox: "Your inbox is empty: tasks without a project land here.",
  today: "Nothing due today.",
  upcoming: `Nothing due in the next ${UPCOMING_DAYS} days.`,
  project: "No open tasks in this project.",
  label: "No open tasks with this label.",
  completed: "No completed tasks.",
  trash: "The trash is empty. Deleted tasks stay here for 30 days.",
};

export function viewOf(search) {
  const params = new URLSearchParams(search);
  const project = Number(params.get("project"));
  if (Number.isSafeInteger(project) && project > 0) return { kind: "project", id: project };
  if (params.get("label")) return { kind: "label", label: params.get("label") };
  const kind = params.get("view");
  return Object.hasOwn(NAMED, kind ?? "") ? { kind } : { kind: "all" };
}

export function addressOf(view) {
  if (view.kind === "project") return `/?project=${view.id}`;
  if (view.kind === "label") return `/?${new URLSearchParams({ label: view.label })}`;
  return view.kind === "all" ? "/" : `/?view=${view.kind}`;
}

export function nameOf(view, projects) {
  if (view.kind === "project") return projects.get(view.id)?.name ?? "Project not found";
  if (view.kind === "label") return `@${view.label}`;
  return NAMED[view.kind];
}

export function emptyWords(view) {
  return EMPTY[view.kind];
}

// The API status that lists an archive view (Completed, Trash); null for the others.
export function archiveStatus(view) {
  return ARCHIVES[view.kind]?.status ?? null;
}

export function isReorderable(view) {
  return view.kind === "inbox" || view.kind === "project";
}

export function tasksIn(view, tasks, today) {
  const archive = ARCHIVES[view.kind];
  if (archive) return tasks.filter(archive.shows).sort(archive.order);
  const shows = OPEN_VIEWS[view.kind];
  return tasks.filter((task) => isOpen(task) && shows(task, { view, today }));
}

// How many tasks a view holds, kept beside its name; none for archives, which only the
// server can count.
export function countIn(view, tasks, today) {
  return ARCHIVES[view.kind] ? null : tasksIn(view, tasks, today).length;
}

export function labelsOf(tasks) {
  const names = new Set(tasks.filter(isOpen).flatMap((task) => task.labels));
  return [...names].sort((a, b) => a.localeCompare(b));
}

// Groups of {name, detail?, week?, tasks}; a group without a name is shown without a heading.
export function groupsIn(view, tasks, { by, today, me, projects }) {
  if (view.kind === "all") return groupTasks(tasks, { by, today, projects });
  if (view.kind === "today") return groupTasks(tasks, { by: "when", today, projects });
  if (view.kind === "upcoming") return dayGroups(tasks, { today, me });
  if (isReorderable(view)) return [{ name: null, tasks: [...tasks].sort(byPosition) }];
  return [{ name: null, tasks: view.kind === "label" ? [...tasks].sort(byDue) : tasks }];
}
