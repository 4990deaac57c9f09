// The conversation list: new, search, delete (the page does it, with Undo), and older pages
// loaded as the list scrolls. On phones it is a drawer opened from the top bar. A conversation
// without a message is listed only while it is the open one, so empty ones never pile up.
import { api } from "../api.js";
import { debounce, h, replaceChildren, skeleton } from "../dom.js";
import { showError } from "../toast.js";

export class Sidebar {
  constructor({ onOpen, onCreate, onDelete }) {
    this.onOpen = onOpen;
    this.onDelete = onDelete;
    this.current = null;
    this.query = "";
    // Live previews by conversation: a listing fetched before a message arrived must not
    // bring back an older preview (its last_seq says how recent it is).
    this.livePreviews = new Map();
    this.search = h("input", {
      type: "search", placeholder: "Search conversations", "aria-label": "Search conversations",
      oninput: debounce(() => { this.query = this.search.value.trim(); this.reload(); }, 250),
    });
    this.list = h("ul", { class: "conversation-list" });
    this.more = h("div", { class: "list-end", "aria-hidden": "true" });
    this.element = h("nav", { id: "sidebar", class: "sidebar", "aria-label": "Conversations" },
      h("button", { type: "button", class: "primary new-conversation", onclick: onCreate,
        title: "New conversation (Alt+N)", "aria-keyshortcuts": "Alt+N" }, "+ New conversation"),
      this.search, this.list, this.more);
    new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) this.loadMore();
    }, { root: this.element }).observe(this.more);
  }

  async reload() {
    this.cursor = undefined;
    this.done = false;
    this.generation = (this.generation ?? 0) + 1;
    replaceChildren(this.list, skeleton(3));
    await this.loadMore(true);
  }

  // More rows at the end of the list; a reload meanwhile makes an older answer moot.
  async loadMore(fresh = false) {
    if (!fresh && (this.done || this.loading || this.cursor === undefined)) return;
    const generation = this.generation;
    this.loading = true;
    const params = new URLSearchParams({ limit: "30" });
    if (this.query) params.set("q", this.query);
    if (this.cursor) params.set("cursor", this.cursor);
    try {
      const page = await api(`/conversations?${params}`);
      if (generation !== this.generation) return;
      if (fresh) this.list.replaceChildren();
      for (const conversation of page.items) {
        if (conversation.last_message_preview != null || conversation.id === this.current) {
          this.list.append(this.row(conversation));
        }
      }
      this.cursor = page.next_cursor;
      this.done = !page.next_cursor;
      this.loaded = true;
      if (!this.list.childElementCount) {
        this.list.append(h("li", { class: "muted" }, this.query ? "No conversation matches." : "No conversations yet."));
      }
    } catch (error) {
      showError(error);
    } finally {
      this.loading = false;
    }
  }

  row(conversation) {
    const title = conversation.title || "New conversation";
    const live = this.livePreviews.get(conversation.id);
    const preview = live && live.seq > conversation.last_seq ? live.content : conversation.last_message_preview;
    // The open conversation is being read: its receipt follows what arrives.
    const unread = conversation.unread_count > 0 && conversation.id !== this.current ? h("span", { class: "unread", "aria-label": `${conversation.unread_count} unread` }, String(conversation.unread_count)) : null;
    return h("li", { "data-id": conversation.id, class: conversation.id === this.current ? "current" : "",
      "data-empty": conversation.last_message_preview == null && !live ? "true" : null },
      h("a", {
        href: `/chat/${conversation.id}`,
        "aria-current": conversation.id === this.current ? "page" : null,
        onclick: (event) => { event.preventDefault(); this.onOpen(conversation.id); },
      }, h("span", { class: "row-title" }, title),
      h("span", { class: "preview" }, preview ?? ""), unread),
      h("button", { type: "button", class: "icon", "aria-label": `Delete “${title}”`, onclick: () => this.onDelete(conversation.id, title) }, "✕"));
  }

  // A message of a listed conversation (the open one: its items arrive live) becomes its
  // preview, and the row moves to the top, as the server orders the list by last change.
  preview(item) {
    if (item.type !== "message" || !item.content) return;
    const known = this.livePreviews.get(item.conversation_id);
    if (known && item.position < known.position) return;
    this.livePreviews.set(item.conversation_id, { seq: item.seq, position: item.position, content: item.content });
    const row = this.list.querySelector(`[data-id="${item.conversation_id}"]`);
    if (!row) return;
    delete row.dataset.empty;
    row.querySelector(".preview").textContent = item.content;
    this.list.prepend(row);
  }

  select(id) {
    this.current = id;
    let listed = false;
    for (const row of [...this.list.children]) {
      const current = row.dataset.id === id;
      if (!current && row.dataset.empty) {
        row.remove(); // an empty conversation left behind
        continue;
      }
      listed ||= current;
      row.classList.toggle("current", current);
      row.querySelector("a")?.toggleAttribute("aria-current", current);
      if (current) row.querySelector(".unread")?.remove(); // opening it reads it
    }
    if (this.loaded && !listed) this.reload(); // an empty one opened is listed while open
  }

  drop(id) {
    this.list.querySelector(`[data-id="${id}"]`)?.remove();
  }
}
