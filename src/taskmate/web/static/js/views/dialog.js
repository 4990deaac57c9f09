// Modal questions with the native <dialog> (focus is trapped and returned by the browser).
import { h } from "../dom.js";

function open(content, onClose) {
  const dialog = h("dialog", { class: "dialog" }, content);
  document.body.append(dialog);
  dialog.addEventListener("close", () => { onClose(dialog.returnValue); dialog.remove(); });
  dialog.showModal();
  return dialog;
}

export function ask({ label, value = "", type = "text", action = "Save" }) {
  return new Promise((resolve) => {
    const input = h("input", { type, value, required: true, name: "answer", autocomplete: "off" });
    const form = h("form", { method: "dialog" },
      h("label", {}, label, input),
      h("div", { class: "row end" },
        h("button", { type: "submit", value: "cancel", class: "secondary", formnovalidate: true }, "Cancel"),
        h("button", { type: "submit", value: "ok", class: "primary" }, action)));
    open(form, (answer) => resolve(answer === "ok" ? input.value.trim() : null));
    input.select();
  });
}

export function confirmAction({ text, action, danger = true }) {
  return new Promise((resolve) => {
    const form = h("form", { method: "dialog" }, h("p", {}, text),
      h("div", { class: "row end" },
        h("button", { type: "submit", value: "cancel", class: "secondary" }, "Cancel"),
        h("button", { type: "submit", value: "ok", class: danger ? "danger" : "primary" }, action)));
    open(form, (answer) => resolve(answer === "ok"));
  });
}
