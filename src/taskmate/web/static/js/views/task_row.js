// One open task in the dashboard's lists: its checkbox, title, when it is due, project, labels
// and priority, the ways to edit and delete it, and its place among subtasks: the "2/3" of its
// own subtasks (a button that shows or hides them when they stand under it), and "↳ parent"
// when it is a subtask shown apart from its parent.
import { h } from "../dom.js";
import { dueWords } from "../dates.js";
import { repeatMark } from "./repeat_mark.js";
import { parentWords, taskLink } from "./task_link.js";

function parentLink(id, parent, open) {
  return taskLink(id, { class: "task-parent", open }, ...parentWords(parent));
}

// `count`: {done, total} of its subtasks, or none; `expanded`: whether they stand under it
// (true, false) or it has none in this list (null).
function subtaskCount(task, count, expanded, toggle) {
  // Read out as "1/3 subtasks of “plan party” done", the words shown first.
  const words = [`${count.done}/${count.total}`, h("span", { class: "sr-only" }, ` subtasks of “${task.title}” done`)];
  if (expanded === null) return h("span", { class: "subtask-count" }, words);
  return h("button", {
    type: "button", class: "subtask-toggle", "aria-expanded": String(expanded), onclick: () => toggle(task.id),
  }, h("span", { "aria-hidden": "true" }, expanded ? "▾ " : "▸ "), words);
}

// `apart`: a subtask shown away from its `parent` (a task, or undefined while unknown).
export function taskRow(task, { me, today, projects, apart, parent, count, expanded, actions }) {
  const project = projects.get(task.project_id);
  // Two lines at most: the whole title is its tooltip and fills the editor.
  const title = h("span", { class: "task-title", title: task.title });
  title.innerHTML = task.title_html; // sanitized by the server as chat messages are
  const meta = [dueWords(task.due, me, today), project ? `#${project.name}` : "", ...task.labels.map((l) => `@${l}`),
    task.priority ? `p${5 - task.priority}` : ""].filter(Boolean).join(" · ");
  const item = h("li", {
    class: `task priority-${task.priority}`, "data-id": task.id, tabindex: "0",
    onclick: (event) => {
      if (!event.target.closest("a, button, input") && event.target.closest("li.task") === item) actions.open(task.id);
    },
    onkeydown: (event) => { if (event.key === "Enter" && event.target === item) actions.open(task.id); },
  },
    h("input", { type: "checkbox", "aria-label": `Complete “${task.title}”`, onchange: () => actions.complete(task) }),
    h("div", { class: "task-main" }, title,
      apart ? parentLink(task.parent_id, parent, actions.open) : null,
      meta ? h("span", { class: "task-meta" }, repeatMark(task.recurrence), meta) : null),
    count ? subtaskCount(task, count, expanded, actions.toggle) : null,
    h("button", { type: "button", class: "icon", "aria-label": `Edit “${task.title}”`, onclick: () => actions.edit(item, task) }, "✎"),
    h("button", { type: "button", class: "icon", "aria-label": `Delete “${task.title}”`, onclick: () => actions.remove(task) }, "✕"));
  return item;
}
