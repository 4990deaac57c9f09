// A subtask's parent, above its title: a link that opens the parent's detail.
import { h, replaceChildren } from "../dom.js";
import { parentWords, taskLink } from "./task_link.js";

export function parentField({ tasks, open }) {
  const element = h("div", { class: "detail-field" });
  return {
    element,
    update(task) {
      element.hidden = task.parent_id === null;
      replaceChildren(element, task.parent_id === null ? null
        : taskLink(task.parent_id, { class: "detail-parent", open }, ...parentWords(tasks.get(task.parent_id))));
    },
  };
}
