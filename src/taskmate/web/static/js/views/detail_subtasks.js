// The task's subtasks, done ones included, each with its checkbox and a way to open it,
// and a field that adds one.
import { h, replaceChildren } from "../dom.js";
import { typedForm } from "./detail_typed.js";

export function subtasksField({ tasks, setDone, open, add }) {
  const list = h("ul", { class: "detail-subtasks" });
  const row = (task) => {
    const title = h("span", { class: "task-title" });
    title.innerHTML = task.title_html; // sanitized by the server as chat messages are
    return h("li", { class: task.completed_at ? "done" : null, "data-id": task.id },
      h("input", {
        type: "checkbox", checked: Boolean(task.completed_at),
        "aria-label": task.completed_at ? `Reopen “${task.title}”` : `Complete “${task.title}”`,
        onchange: (event) => setDone(task, event.target.checked),
      }),
      title,
      h("button", { type: "button", class: "icon", "aria-label": `Open “${task.title}”`, onclick: () => open(task.id) }, "›"));
  };
  return {
    element: h("div", { class: "detail-field" }, h("span", { class: "detail-label" }, "Subtasks"), list,
      typedForm({ label: "Add subtask", placeholder: "Add a subtask", button: "Add", submit: add })),
    update(task) {
      const subtasks = tasks.subtasksOf(task.id);
      const focused = list.contains(document.activeElement) ? document.activeElement : null;
      replaceChildren(list, subtasks.length ? subtasks.map(row) : h("li", { class: "muted small" }, "No subtasks"));
      if (focused) { // the same control of the same subtask keeps the focus
        const control = focused.matches("input") ? "input" : "button";
        list.querySelector(`[data-id="${focused.closest("li").dataset.id}"] ${control}`)?.focus();
      }
    },
  };
}
