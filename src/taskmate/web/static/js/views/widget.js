// The chat widget floating over the dashboard: the latest conversation (or a new one).
import { api } from "../api.js";
import { h } from "../dom.js";
import { showError } from "../toast.js";
import { ConversationView } from "./conversation.js";

export function chatWidget({ me }) {
  const view = new ConversationView({ me, compact: true });
  const panel = h("div", { id: "chat-widget", class: "widget-panel", role: "dialog", "aria-label": "Chat with the assistant", hidden: true }, view.element);
  const toggle = h("button", {
    type: "button", class: "widget-toggle primary", "aria-controls": "chat-widget", "aria-expanded": "false",
    onclick: () => (panel.hidden ? show() : hide()),
  }, "Chat");

  async function show() {
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    toggle.textContent = "Close chat";
    if (view.id) return view.composer.focus();
    try {
      const latest = await api("/conversations?limit=1");
      const conversation = latest.items[0] ?? (await api("/conversations", { method: "POST", body: {} }));
      await view.open(conversation.id);
    } catch (error) {
      showError(error);
    }
  }

  function hide() {
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.textContent = "Chat";
    toggle.focus();
  }

  panel.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });
  return h("div", { class: "widget" }, panel, toggle);
}
