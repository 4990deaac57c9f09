// A task's text in the detail panel (its title, its notes), shown as the server rendered its
// Markdown, that becomes a field on its Edit button or a click outside a link. Enter saves
// a title and Ctrl+Enter notes; leaving the field saves too, Escape or Cancel does not.
// While it is being edited, changes from elsewhere wait: the field keeps what is typed.
import { h } from "../dom.js";

export function detailText({ label, multiline = false, text, html, empty, placeholder, save }) {
  let task = null;
  let editing = false;
  const shown = h("div", { class: multiline ? "detail-notes" : "detail-title" });
  const editButton = h("button", { type: "button", class: "link", onclick: () => edit() });
  const view = h("div", { class: "detail-text" }, shown, editButton);
  const element = h("div", { class: "detail-editable" }, view);
  shown.addEventListener("click", (event) => { if (!event.target.closest("a")) edit(); });

  function render() {
    const source = text(task);
    if (source) shown.innerHTML = html(task); // sanitized by the server as chat messages are
    else shown.replaceChildren(h("span", { class: "muted" }, empty));
    editButton.textContent = source ? "Edit" : `Add ${label}`;
    editButton.setAttribute("aria-label", source ? `Edit ${label}` : `Add ${label}`);
  }

  function edit() {
    if (editing) return;
    editing = true;
    const field = h(multiline ? "textarea" : "input", { "aria-label": label, placeholder, rows: multiline ? 8 : null });
    field.value = text(task);
    const cancel = h("button", { type: "button", class: "link" }, "Cancel");
    const form = h("form", { class: "detail-edit" }, field,
      h("div", { class: "row" }, h("button", { type: "submit", class: "primary" }, "Save"), cancel));
    // `refocus`: the focus was in the field's form, so it goes back to Edit, not elsewhere
    const finish = (keep, refocus = true) => {
      if (!editing) return;
      editing = false;
      form.replaceWith(view);
      const value = multiline ? field.value : field.value.trim();
      if (keep && value !== text(task)) save(value);
      render();
      if (refocus) editButton.focus();
    };
    form.addEventListener("submit", (event) => { event.preventDefault(); finish(true); });
    cancel.addEventListener("click", () => finish(false));
    field.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault(); // the panel stays open
        finish(false);
      } else if (event.key === "Enter" && (!multiline || event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        finish(true);
      }
    });
    form.addEventListener("focusout", (event) => {
      if (!form.contains(event.relatedTarget)) finish(true, false);
    });
    view.replaceWith(form);
    field.focus();
  }

  return {
    element,
    update(next) {
      task = next;
      if (!editing) render();
    },
  };
}
