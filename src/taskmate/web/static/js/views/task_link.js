// A link to a task's detail (`?task=<id>` on the page shown): a plain click opens the detail
// through `open(id)`, and the address opens it in a new tab too. A subtask links to its parent
// in the same words in the lists and in its detail.
import { h, plainClick } from "../dom.js";

export function taskLink(id, { open, ...attributes }, ...children) {
  const url = new URL(location.href);
  url.searchParams.set("task", id);
  return h("a", {
    ...attributes, href: url.pathname + url.search,
    onclick: (event) => {
      if (!plainClick(event)) return;
      event.preventDefault();
      open(id);
    },
  }, ...children);
}

// "↳ buy groceries", read out as "Subtask of buy groceries"; `parent` is undefined while unknown.
export function parentWords(parent) {
  return [h("span", { "aria-hidden": "true" }, "↳ "), h("span", { class: "sr-only" }, "Subtask of "),
    h("span", { class: "parent-title" }, parent?.title ?? "its parent task")];
}
