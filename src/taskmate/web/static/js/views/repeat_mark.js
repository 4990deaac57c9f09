// The mark of a repeating task, for the list and the detail panel: an icon whose
// accessible name says the rule ("Repeats every weekday at 9am").
import { h } from "../dom.js";

export function repeatWords(recurrence) {
  return `Repeats ${recurrence.text}`;
}

export function repeatMark(recurrence) {
  if (!recurrence) return null;
  const words = repeatWords(recurrence);
  return h("span", { class: "repeat-mark", role: "img", "aria-label": words, title: words }, "↻");
}
