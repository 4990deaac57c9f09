// When the task is due: its day and time in the user's words and settings, a native date
// and an optional time input, typed words the server reads ("next fri 3pm"), and No date.
import { dueWords, todayIn } from "../dates.js";
import { h } from "../dom.js";
import { typedForm } from "./detail_typed.js";

export function dueField({ me, save }) {
  const words = h("p", { class: "detail-words" });
  const date = h("input", { type: "date", "aria-label": "Due date" });
  const time = h("input", { type: "time", "aria-label": "Due time" });
  const clear = h("button", { type: "button", class: "link", onclick: () => save({ due: null }) }, "No date");
  const picked = () => { // a time alone is today's
    const due = { date: date.value || todayIn(me.timezone).date, time: time.value || null };
    return save({ due }, { due: { ...due, text: null } });
  };
  date.addEventListener("change", () => (date.value ? picked() : save({ due: null })));
  time.addEventListener("change", picked);
  // A picker being typed in keeps its half-typed value; it shows the task's when left.
  let current = null;
  const fill = () => {
    if (document.activeElement !== date) date.value = current?.date ?? "";
    if (document.activeElement !== time) time.value = current?.time ?? "";
  };
  date.addEventListener("blur", fill);
  time.addEventListener("blur", fill);
  const typed = typedForm({
    label: "Due, in words", placeholder: "next fri 3pm", button: "Set",
    submit: (text) => save({ due_text: text }, {}),
  });
  return {
    element: h("div", { class: "detail-field", role: "group", "aria-label": "Due" },
      h("span", { class: "detail-label" }, "Due"), words,
      h("div", { class: "row" }, date, time, clear), typed),
    update(task) {
      current = task.due;
      words.textContent = current ? dueWords(current, me, todayIn(me.timezone).date) : "No due date";
      fill();
      clear.hidden = !current;
    },
  };
}
