// The task's labels as chips with a remove button each, and a field that adds one (a
// leading "@" as in quick add is dropped; one already there, ignoring case, is not added).
import { h, replaceChildren } from "../dom.js";
import { typedForm } from "./detail_typed.js";

export function labelsField({ save }) {
  let labels = [];
  const chips = h("ul", { class: "chips detail-chips", "aria-label": "Labels" });
  const saveLabels = (next) => save({ labels: next }, { labels: [...next].sort() });
  const add = typedForm({
    label: "Add a label", placeholder: "Add a label", button: "Add",
    submit: (words) => {
      const label = words.replace(/^@/, "");
      if (!label || labels.some((known) => known.toLowerCase() === label.toLowerCase())) return true;
      return saveLabels([...labels, label]);
    },
  });
  return {
    element: h("div", { class: "detail-field" }, h("span", { class: "detail-label" }, "Labels"), chips, add),
    update(task) {
      labels = task.labels;
      replaceChildren(chips, labels.length ? labels.map((label) =>
        h("li", { class: "chip" }, `@${label}`,
          h("button", { type: "button", class: "icon chip-remove", "aria-label": `Remove label ${label}`,
            onclick: () => saveLabels(labels.filter((kept) => kept !== label)) }, "×")))
        : h("li", { class: "muted small" }, "No labels"));
    },
  };
}
