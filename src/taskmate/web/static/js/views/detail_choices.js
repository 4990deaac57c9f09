// The detail panel's selects: the task's project (Inbox or one of the user's projects) and
// its priority, each saved as soon as it changes.
import { h, replaceChildren } from "../dom.js";

const PRIORITIES = [[0, "None"], [4, "P1 · Urgent"], [3, "P2 · High"], [2, "P3 · Medium"], [1, "P4 · Low"]];

function choice({ label, options, value, changes, save }) {
  const select = h("select", { "aria-label": label });
  select.addEventListener("change", () => save(changes(select.value)));
  return {
    element: h("label", { class: "detail-field" }, label, select),
    update(task) {
      const chosen = value(task);
      replaceChildren(select, options(task).map(([key, name]) =>
        h("option", { value: String(key), selected: String(key) === chosen }, name)));
    },
  };
}

export function projectChoice({ projects, save }) {
  return choice({
    label: "Project",
    // archived projects are not offered, unless the task is still in one
    options: (task) => [["", "Inbox"], ...[...projects().values()]
      .filter((project) => !project.archived || project.id === task.project_id)
      .map((project) => [project.id, project.name])],
    value: (task) => String(task.project_id ?? ""),
    changes: (value) => ({ project_id: value ? Number(value) : null }),
    save,
  });
}

export function priorityChoice({ save }) {
  return choice({
    label: "Priority",
    options: () => PRIORITIES,
    value: (task) => String(task.priority),
    changes: (value) => ({ priority: Number(value) }),
    save,
  });
}
