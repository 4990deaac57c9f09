// The top of an open conversation: title, who is here and who has read what, and the
// owner's actions (rename, invite by email, finalize, delete).
import { api } from "../api.js";
import { h, replaceChildren } from "../dom.js";
import { showError, toast } from "../toast.js";
import { colourOf } from "./items.js";
import { ask, confirmAction } from "./dialog.js";

export class ConversationHeader {
  constructor({ me, compact, onChanged }) {
    this.me = me;
    this.compact = compact;
    this.onChanged = onChanged;
    this.online = [];
    this.receipts = new Map();
    this.title = h("h1", { class: "conversation-title", tabindex: "-1" });
    this.people = h("ul", { class: "presence", "aria-label": "People here" });
    this.seen = h("p", { class: "seen", "aria-live": "polite" });
    this.actions = h("div", { class: "actions" });
    this.ownerActions = h("div", { id: `owner-actions-${Math.random().toString(36).slice(2, 8)}`, class: "owner-actions" });
    this.more = h("button", {
      type: "button", class: "icon more-actions", "aria-label": "Conversation actions",
      "aria-expanded": "false", "aria-controls": this.ownerActions.id, onclick: () => this.toggleMenu(),
    }, "⋯");
    this.element = h("header", { class: "conversation-header" },
      h("div", { class: "title-row" }, this.title, this.actions, this.more, this.ownerActions), this.people, this.seen);
  }

  // On phones the owner's actions sit behind "⋯"; wider screens show them in the row.
  toggleMenu(open = this.more.getAttribute("aria-expanded") !== "true") {
    this.more.setAttribute("aria-expanded", String(open));
    this.element.classList.toggle("menu-open", open);
  }

  show(conversation) {
    this.conversation = conversation;
    this.title.textContent = conversation.title || "New conversation";
    const owner = owns(conversation, this.me.id);
    const active = conversation.status === "active";
    const button = (label, action) => h("button", {
      type: "button", class: "secondary", onclick: () => { this.toggleMenu(false); action(); },
    }, label);
    replaceChildren(this.actions,
      this.compact ? h("a", { href: `/chat/${conversation.id}`, class: "button secondary" }, "Open full chat") : null,
      !active ? h("span", { class: "badge locked" }, "Finalized (read-only)") : null);
    const ownerActions = owner && active && !this.compact;
    replaceChildren(this.ownerActions, ownerActions ? [
      button("Rename", () => this.rename()),
      button("Invite", () => this.invite()),
      button("Finalize", () => this.finalize()),
    ] : null);
    this.more.hidden = !ownerActions;
    this.toggleMenu(false);
    this.presence(this.online);
  }

  presence(online) {
    this.online = online;
    const shared = this.conversation && this.conversation.participants.length > 1;
    this.people.hidden = !shared;
    if (!shared) return;
    replaceChildren(this.people, this.conversation.participants.map((person) => {
      const here = online.includes(person.user_id);
      const name = person.user_id === this.me.id ? "You" : person.name || "Someone";
      return h("li", { class: `person ${colourOf(person.user_id)}${here ? " online" : ""}` },
        h("span", { class: "dot", "aria-hidden": "true" }), `${name}${here ? " (here)" : " (away)"}`);
    }));
  }

  receipt({ user_id: userId, seq }, store) {
    if (userId === this.me.id) return;
    this.receipts.set(userId, seq);
    const names = this.conversation.participants
      .filter((person) => person.user_id !== this.me.id && (this.receipts.get(person.user_id) ?? 0) >= store.lastSeq)
      .map((person) => person.name || "Someone");
    this.seen.textContent = names.length ? `Seen by ${names.join(", ")}` : "";
  }

  async change(path, body, method = "PATCH") {
    try {
      const conversation = await api(path, { method, body });
      if (conversation) this.show(conversation);
      this.onChanged();
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  }

  async rename() {
    const title = await ask({ label: "New title", value: this.conversation.title ?? "", action: "Rename" });
    if (title) await this.change(`/conversations/${this.conversation.id}`, { title });
  }

  async invite() {
    const email = await ask({ label: "Email of the person to invite", type: "email", action: "Invite" });
    if (!email) return;
    try {
      await api(`/conversations/${this.conversation.id}/participants`, { method: "POST", body: { email } });
      this.show(await api(`/conversations/${this.conversation.id}`));
      toast(`${email} can now see and write in this conversation.`);
    } catch (error) {
      showError(error);
    }
  }

  async finalize() {
    const sure = await confirmAction({
      text: "Finalize this conversation? Nobody will be able to write in it any more.",
      action: "Finalize",
    });
    if (sure) await this.change(`/conversations/${this.conversation.id}/finalize`, undefined, "POST");
  }
}

export function owns(conversation, userId) {
  return Boolean(conversation?.participants.some((p) => p.user_id === userId && p.role === "owner"));
}
