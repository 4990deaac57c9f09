// A labelled settings field with its own error line, and the server's 422 for that field
// in people's words.
import { h } from "../dom.js";

let counter = 0;

export function field(label, control, hint = null) {
  const id = `field-${(counter += 1)}`;
  const error = h("p", { class: "error field-error", id: `${id}-error`, role: "alert" });
  control.setAttribute("aria-describedby", error.id);
  const element = h("div", { class: "field" }, h("label", {}, label, control),
    hint ? h("p", { class: "muted field-hint" }, hint) : null, error);
  return {
    element,
    error,
    show(message) {
      error.textContent = message;
      control.setAttribute("aria-invalid", "true");
    },
    clear() {
      error.textContent = "";
      control.removeAttribute("aria-invalid");
    },
  };
}

// What to say next to the field `name` when the request failed: `words[name]` for the
// server's known complaint about it, else its message as a sentence, else the error's.
export function fieldMessage(failure, name, words = {}) {
  const found = failure.details?.fields?.find((each) => each.field === name);
  if (!found) return failure.message;
  if (words[name]) return words[name];
  const text = found.message.trim();
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith(".") ? "" : ".");
}
