// Short messages in plain words, announced to screen readers, with an optional action.
import { h } from "./dom.js";

function region() {
  let element = document.getElementById("toasts");
  if (!element) {
    element = h("div", { id: "toasts", class: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(element);
  }
  return element;
}

// `actions`: [{ label, onAction }]; `action` and `onAction` are the one-action shorthand.
export function toast(message, { action, onAction, actions = [], seconds = 6, kind = "info" } = {}) {
  const close = () => element.remove();
  const all = action ? [{ label: action, onAction }, ...actions] : actions;
  const buttons = all.map(({ label, onAction: run }) =>
    h("button", { type: "button", class: "link", onclick: () => { close(); run(); } }, label));
  const element = h("div", { class: `toast toast-${kind}` }, h("span", {}, message), buttons,
    h("button", { type: "button", class: "icon", "aria-label": "Dismiss", onclick: close }, "×"));
  region().append(element);
  setTimeout(close, seconds * 1000);
  return element;
}

export function showError(error) {
  toast(error?.message || "Something went wrong. Please try again.", { kind: "error" });
}
