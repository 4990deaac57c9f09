// The chat page: sidebar of conversations, the open one, and the shortcut for a new one.
import { api, currentUser } from "./api.js";
import { connection } from "./connection.js";
import { h } from "./dom.js";
import { registerServiceWorker } from "./service_worker.js";
import { wireSignOut } from "./session.js";
import { showError, toast } from "./toast.js";
import { ConversationView } from "./views/conversation.js";
import { offerShortcuts } from "./views/shortcuts.js";
import { Sidebar } from "./views/sidebar.js";
import { topBar } from "./views/status.js";

const UNDO_SECONDS = 8; // the server can restore for minutes: Undo is never offered too late

const me = await currentUser();
const live = connection();
const main = document.getElementById("main");
const view = new ConversationView({ me, onChanged: () => sidebar.reload(), onGone: () => openLatest() });
const sidebar = new Sidebar({
  onOpen: (id) => open(id, true),
  onCreate: () => create(),
  onDelete: (id, title) => remove(id, title),
});
const menu = h("button", {
  type: "button", class: "icon menu", "aria-label": "Conversations", "aria-controls": "sidebar",
  "aria-expanded": "false", onclick: () => toggleDrawer(),
}, "☰");
const backdrop = h("div", { class: "drawer-backdrop", "aria-hidden": "true", onclick: () => toggleDrawer(false) });
document.body.prepend(topBar({ me, live, menu, current: "/chat" }));
document.body.append(backdrop);
wireSignOut();
document.querySelector(".chat-layout").prepend(sidebar.element);
main.append(view.element);

function toggleDrawer(open = !document.body.classList.contains("drawer-open")) {
  document.body.classList.toggle("drawer-open", open);
  menu.setAttribute("aria-expanded", String(open));
  if (open) sidebar.search.focus();
}

async function open(id, push = false) {
  if (push) history.pushState({}, "", `/chat/${id}`);
  sidebar.select(id);
  toggleDrawer(false);
  await view.open(id);
}

// A new conversation, unless the open one is still unused: then that one is it.
async function create() {
  if (view.unused()) {
    toggleDrawer(false);
    return view.composer.focus();
  }
  try {
    const conversation = await api("/conversations", { method: "POST", body: {} });
    await open(conversation.id, true);
    sidebar.reload();
  } catch (error) {
    showError(error);
  }
}

// Deleted at once, then Undo for a few seconds: conversations are soft-deleted, so Undo
// restores on the server (nothing waits in this tab to be sent or lost).
async function remove(id, title) {
  const wasOpen = view.id === id;
  view.deleting(id);
  try {
    await api(`/conversations/${id}`, { method: "DELETE" });
  } catch (error) {
    view.deleting(null);
    return showError(error);
  }
  sidebar.drop(id);
  view.gone(id);
  toast(`Deleted “${title}”.`, { action: "Undo", seconds: UNDO_SECONDS, onAction: () => restore(id, wasOpen) });
}

async function restore(id, reopen) {
  try {
    await api(`/conversations/${id}/restore`, { method: "POST" });
    if (reopen) await open(id, true);
    await sidebar.reload();
  } catch (error) {
    showError(error);
  }
}

live.on("conversation", () => sidebar.reload());
live.on("item", (frame) => sidebar.preview(frame.item));
addEventListener("popstate", () => route());
addEventListener("keydown", (event) => {
  if (event.altKey && event.code === "KeyN") {
    event.preventDefault();
    create();
  }
  if (event.key === "Escape") toggleDrawer(false);
});
offerShortcuts([
  [["Alt", "N"], "New conversation"],
  [["Enter"], "Send the message"],
  [["Shift", "Enter"], "Start a new line in the message"],
  [["Escape"], "Close a dialog, the notifications or the conversation list; cancel an edit"],
  [["?"], "Show these shortcuts"],
]);

async function route() {
  const id = location.pathname.split("/")[2];
  return id ? open(id) : openLatest();
}

// The most recent conversation in place of the address shown, or a new one when none is left.
async function openLatest() {
  const latest = await api("/conversations?limit=1");
  if (!latest.items.length) return create();
  history.replaceState({}, "", `/chat/${latest.items[0].id}`);
  return open(latest.items[0].id);
}

await route(); // the conversation first: the list is not needed to start typing
await sidebar.reload();
registerServiceWorker().catch(() => {}); // without it, pages offline show the browser's error
