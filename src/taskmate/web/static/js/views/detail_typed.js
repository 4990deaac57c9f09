// A one-line form of the detail panel: typed words (a date, a rule, a label, a subtask) and
// a button; the words stay in the field until `submit` says they were taken, so a refused
// phrase can be corrected (and words typed meanwhile stay).
import { h } from "../dom.js";

export function typedForm({ label, placeholder, button, submit }) {
  const input = h("input", { autocomplete: "off", placeholder, "aria-label": label, enterkeyhint: "done" });
  const form = h("form", { class: "detail-inline" }, input, h("button", { type: "submit" }, button));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const words = input.value.trim();
    if (words && (await submit(words)) && input.value.trim() === words) input.value = "";
  });
  return form;
}
