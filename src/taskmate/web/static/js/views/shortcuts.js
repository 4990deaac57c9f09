// The "?" sheet: a dialog listing a page's keyboard shortcuts, opened by "?" anywhere but in
// a text field; Escape or Close closes it, as any dialog.
import { h } from "../dom.js";
import { openDialog } from "./dialog.js";

const TEXT_FIELDS = "input, textarea, select, [contenteditable]:not([contenteditable='false'])";

// `shortcuts`: [[keys, what they do]], keys as an array of key names ("Alt", "N").
export function offerShortcuts(shortcuts) {
  addEventListener("keydown", (event) => {
    if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (event.target.closest?.(TEXT_FIELDS) || document.querySelector("dialog[open]")) return;
    event.preventDefault();
    showShortcuts(shortcuts);
  });
}

function showShortcuts(shortcuts) {
  const title = h("h2", { id: "shortcuts-title" }, "Keyboard shortcuts");
  const list = h("dl", { class: "shortcuts" }, shortcuts.flatMap(([keys, what]) => [
    h("dt", {}, keys.flatMap((key, index) => [index ? " + " : null, h("kbd", {}, key)])),
    h("dd", {}, what),
  ]));
  const form = h("form", { method: "dialog" }, title, list,
    h("div", { class: "row end" }, h("button", { type: "submit", class: "primary" }, "Close")));
  openDialog(form, () => {}).setAttribute("aria-labelledby", title.id);
}
