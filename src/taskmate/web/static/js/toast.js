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

export function toast(message, { action, onAction, seconds = 6, kind = "info" } = {}) {
  const close = () => element.remove();
  const button = action
    ? h("button", { type: "button", class: "link", onclick: () => { close(); onAction(); } }, action)
    : null;
  const element = h("div", { class: `toast toast-${kind}` }, h("span", {}, message), button,
    h("button", { type: "button", class: "icon", "aria-label": "Dismiss", onclick: close }, "×"));
  region().append(element);
  setTimeout(close, seconds * 1000);
  return element;
}

export function showError(error) {
  toast(error?.message || "Something went wrong. Please try again.", { kind: "error" });
}
