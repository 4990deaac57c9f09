// Modal questions with the native <dialog> (focus is trapped and returned by the browser).
// The action is the form's only submit button, so Enter in a field does it; Cancel and
// Escape close the dialog without an answer.
import { h } from "../dom.js";

export function openDialog(content, onClose) {
  const dialog = h("dialog", { class: "dialog" }, content);
  document.body.append(dialog);
  dialog.addEventListener("close", () => { onClose(dialog.returnValue); dialog.remove(); });
  dialog.showModal();
  return dialog;
}

function cancelButton() {
  return h("button", {
    type: "button", class: "secondary", onclick: (event) => event.target.closest("dialog").close("cancel"),
  }, "Cancel");
}

export function ask({ label, value = "", type = "text", action = "Save" }) {
  return new Promise((resolve) => {
    const input = h("input", { type, value, required: true, name: "answer", autocomplete: "off" });
    const form = h("form", { method: "dialog" },
      h("label", {}, label, input),
      h("div", { class: "row end" },
        cancelButton(),
        h("button", { type: "submit", value: "ok", class: "primary" }, action)));
    openDialog(form, (answer) => resolve(answer === "ok" ? input.value.trim() : null));
    input.select();
  });
}

export function confirmAction({ text, action, danger = true }) {
  return new Promise((resolve) => {
    const form = h("form", { method: "dialog" }, h("p", {}, text),
      h("div", { class: "row end" },
        cancelButton(),
        h("button", { type: "submit", value: "ok", class: danger ? "danger" : "primary" }, action)));
    openDialog(form, (answer) => resolve(answer === "ok"));
  });
}
