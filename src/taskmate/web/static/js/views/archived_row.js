// A task in Completed or in the Trash: its title, when it was completed or deleted, and the
// one way back (Reopen, Restore).
import { h } from "../dom.js";
import { instantWords, midSentence } from "../dates.js";

export function archivedRow(task, { me, action, onAction }) {
  const title = h("span", { class: "task-title", title: task.title });
  title.innerHTML = task.title_html; // sanitized by the server as chat messages are
  const when = task.deleted_at
    ? `Deleted ${midSentence(instantWords(task.deleted_at, me))}`
    : `Completed ${midSentence(instantWords(task.completed_at, me))}`;
  return h("li", { class: "task archived", "data-id": task.id },
    h("div", { class: "task-main" }, title, h("span", { class: "task-meta" }, when)),
    h("button", { type: "button", "aria-label": `${action} “${task.title}”`, onclick: onAction }, action));
}
