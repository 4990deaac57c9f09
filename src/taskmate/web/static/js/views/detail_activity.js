// What the assistant changed on task `id`, newest first (GET /tasks/{id}/activity): each
// change in the server's words, when on the user's clock, a link to its conversation, and
// Undo while it lasts. `reload` reads it again: the panel calls it whenever it reads the task
// (`refresh`, after an Undo too) and on `activity` frames naming the task; the list also
// reads itself again when its next Undo runs out.
import { api } from "../api.js";
import { instantWords, midSentence } from "../dates.js";
import { h, replaceChildren } from "../dom.js";
import { showError, toast } from "../toast.js";

const NONE = "The assistant has not changed this task.";
const UNREAD = "The assistant's changes could not be read.";
const SLACK_MS = 1000; // the server's clock decides; ask it just after the browser's says so

export function activityField({ me, id, refresh }) {
  const list = h("ul", { class: "detail-activity" });
  let reading = 0;
  let expiry = null;

  const message = (text) => replaceChildren(list, h("li", { class: "muted small" }, text));

  async function read() {
    const ticket = ++reading;
    clearTimeout(expiry);
    try {
      const { items } = await api(`/tasks/${id}/activity`);
      if (ticket === reading) show(items);
    } catch {
      if (ticket === reading) message(UNREAD);
    }
  }

  function show(entries) {
    const focused = list.contains(document.activeElement) ? document.activeElement.closest("li")?.dataset.item : null;
    if (entries.length) replaceChildren(list, entries.map(row));
    else message(NONE);
    if (focused) { // its Undo is gone once used: the row's link keeps the focus
      list.querySelector(`[data-item="${focused}"] a`)?.focus();
    }
    const ends = entries.filter((entry) => entry.can_undo).map((entry) => Date.parse(entry.undo_until));
    if (ends.length) expiry = setTimeout(read, Math.max(0, Math.min(...ends) - Date.now()) + SLACK_MS);
  }

  async function undo(entry, button) {
    if (button.getAttribute("aria-disabled")) return;
    button.setAttribute("aria-disabled", "true"); // not `disabled`, which would drop the focus
    try {
      await api(`/conversations/${entry.conversation.id}/items/${entry.item_id}/undo`, { method: "POST" });
      toast(`Undone: ${entry.text}.`); // said to screen readers too
    } catch (error) {
      showError(error);
    }
    await refresh(); // the task and this list as the server has them now
  }

  function row(entry) {
    const title = entry.conversation.title || "a conversation without a title";
    const undoing = entry.can_undo
      ? h("button", { type: "button", class: "secondary", "aria-label": `Undo: ${entry.text}` }, "Undo")
      : null;
    undoing?.addEventListener("click", () => undo(entry, undoing));
    return h("li", { "data-item": entry.item_id, class: entry.undone_at ? "undone" : null },
      h("div", { class: "activity-what" },
        h("span", {}, entry.text),
        h("span", { class: "small muted" }, instantWords(entry.at, me), " · ",
          h("a", { href: `/chat/${entry.conversation.id}` }, `in “${title}”`)),
        entry.undone_at ? h("span", { class: "small muted" }, `Undone ${midSentence(instantWords(entry.undone_at, me))}`) : null),
      undoing);
  }

  message("Reading the assistant's changes…");
  return {
    element: h("section", { class: "detail-field", "aria-labelledby": "detail-activity-label" },
      h("h3", { class: "detail-label", id: "detail-activity-label" }, "Activity"), list),
    reload: read,
  };
}
