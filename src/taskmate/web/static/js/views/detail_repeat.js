// The task's repeat rule: the server's words of it and the next date, a field for a new
// rule in words ("every weekday at 9am"), and Stop repeating.
import { dueWords, todayIn } from "../dates.js";
import { h } from "../dom.js";
import { typedForm } from "./detail_typed.js";
import { repeatWords } from "./repeat_mark.js";

export function repeatField({ me, save }) {
  const words = h("p", { class: "detail-words" });
  const stop = h("button", { type: "button", class: "link", onclick: () => save({ recurrence_text: null }, { recurrence: null }) },
    "Stop repeating");
  const typed = typedForm({
    label: "Repeat rule, in words", placeholder: "every weekday at 9am", button: "Set",
    submit: (text) => save({ recurrence_text: text }, {}),
  });
  return {
    element: h("div", { class: "detail-field", role: "group", "aria-label": "Repeat" },
      h("span", { class: "detail-label" }, "Repeat"), h("div", { class: "row" }, words, stop), typed),
    update(task) {
      const next = task.recurrence && task.due ? `. Next: ${dueWords(task.due, me, todayIn(me.timezone).date)}` : "";
      words.textContent = task.recurrence ? `${repeatWords(task.recurrence)}${next}` : "Does not repeat";
      stop.hidden = !task.recurrence;
    },
  };
}
