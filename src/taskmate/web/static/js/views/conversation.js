// One open conversation: its log (newest page first, older pages on scroll), live frames,
// the outbox's pending messages, typing, presence, receipts, and the composer. Used by the
// chat page and by the dashboard's widget.
import { api } from "../api.js";
import { connection } from "../connection.js";
import { debounce, h, replaceChildren, skeleton } from "../dom.js";
import { outbox } from "../outbox.js";
import { ConversationStore } from "../store.js";
import { showError, toast } from "../toast.js";
import { Composer } from "./composer.js";
import { fillBody, pendingBubble, renderItem } from "./items.js";
import { ConversationHeader, owns } from "./conversation_header.js";
import { editMessage } from "./message_editor.js";

const PAGE = 50;
const NEAR_BOTTOM_PX = 80;
export const SUGGESTIONS = [
  "add buy milk tomorrow at 5pm",
  "what's due this week?",
  "add call mom every sunday at 6pm",
];

export class ConversationView {
  constructor({ me, compact = false, onChanged = () => {}, onGone = () => {} }) {
    this.me = me;
    this.onChanged = onChanged;
    this.onGone = onGone;
    this.live = connection();
    this.outbox = outbox();
    this.elements = new Map();
    this.typers = new Map();
    this.header = new ConversationHeader({ me, compact, onChanged });
    this.log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Messages", tabindex: "0" });
    this.pending = h("div", { class: "pending-list" });
    this.empty = h("div", { class: "empty", hidden: true });
    this.scroller = h("div", { class: "scroller", onscroll: () => this.scrolled() }, this.empty, this.log, this.pending);
    this.pill = h("button", { type: "button", class: "new-pill", hidden: true, onclick: () => this.toBottom() }, "New messages ↓");
    this.typingLine = h("p", { class: "typing", "aria-live": "polite" });
    this.stopButton = h("button", { type: "button", class: "secondary", hidden: true, onclick: () => this.post("stop") }, "Stop");
    this.retryButton = h("button", {
      type: "button", class: "link", "aria-label": "Retry answer", onclick: () => this.post("regenerate"),
    }, "Retry");
    this.editButton = h("button", {
      type: "button", class: "link", "aria-label": "Edit and send again", onclick: () => this.edit(),
    }, "Edit");
    this.composer = new Composer({
      onSend: (content) => this.send(content),
      onTyping: (active) => this.id && this.live.send({ type: "typing", conversation_id: this.id, active }),
    });
    this.element = h("section", { class: `conversation${compact ? " compact" : ""}` },
      this.header.element, this.scroller, this.pill,
      h("div", { class: "under-log" }, this.typingLine, this.stopButton),
      this.composer.element);
    this.markRead = debounce(() => this.sendReceipt(), 400);
    for (const type of ["item", "delta", "typing", "presence", "receipt", "conversation"]) {
      this.live.on(type, (frame) => this.frame(frame));
    }
    this.outbox.addEventListener("change", (event) => {
      if (event.detail.sent) this.apply(event.detail.sent);
      this.renderPending();
    });
  }

  async open(id) {
    if (this.id) this.live.unsubscribe(this.id);
    this.id = id;
    this.store = new ConversationStore();
    this.elements.clear();
    this.typers.clear();
    replaceChildren(this.log, skeleton(4));
    this.composer.lock();
    this.composer.use(id);
    try {
      const [conversation, page] = await Promise.all([
        api(`/conversations/${id}`),
        api(`/conversations/${id}/items?limit=${PAGE}`),
      ]);
      if (this.id !== id) return;
      this.conversation = conversation;
      this.log.replaceChildren();
      this.store.hasOlder = page.has_more;
      for (const item of page.items) this.apply(item, false);
      this.store.lastSeq = Math.max(this.store.lastSeq, page.last_seq);
      this.live.subscribe(id, () => this.store.lastSeq);
      this.showConversation();
      this.renderPending();
      this.toBottom();
      this.observeTop();
      this.composer.focus();
      this.element.dataset.ready = "true";
      performance.mark("taskmate:conversation-ready"); // time to interactive, for the benchmark
    } catch (error) {
      this.log.replaceChildren(h("p", { class: "error" }, error.message));
    }
  }

  showConversation() {
    this.header.show(this.conversation);
    const finalized = this.conversation.status === "finalized";
    if (finalized) this.composer.lock("This conversation is finalized: it can be read but no longer changed.");
    else this.composer.unlock();
    this.element.classList.toggle("finalized", finalized);
    this.refreshControls();
  }

  frame(frame) {
    if (frame.conversation_id !== this.id && frame.conversation?.id !== this.id) return;
    if (!this.store) return;
    if (frame.type === "item") this.apply(frame.item);
    else if (frame.type === "delta") this.delta(frame);
    else if (frame.type === "typing") this.typingChanged(frame);
    else if (frame.type === "presence") this.header.presence(frame.online);
    else if (frame.type === "receipt") this.header.receipt(frame, this.store);
    else if (frame.type === "conversation") this.conversationChanged(frame);
  }

  conversationChanged(frame) {
    if (frame.event === "deleted") return this.gone(this.id);
    this.conversation = frame.conversation;
    this.showConversation();
  }

  // The conversation ``id`` is deleted by this page, which says so itself (with Undo).
  deleting(id) {
    this.deletedHere = id;
  }

  // The conversation ``id`` was deleted or this person removed from it: said once, whether
  // the owner's own request or the live frame tells first. Only a participant can be removed.
  gone(id) {
    if (!id || id !== this.id) return;
    if (id !== this.deletedHere) {
      toast(owns(this.conversation, this.me.id) ? "Conversation deleted."
        : "This conversation was deleted or you were removed from it.");
    }
    this.live.unsubscribe(id);
    this.id = null;
    this.composer.lock("This conversation is no longer available.");
    this.onGone();
  }

  apply(item, live = true) {
    if (item.conversation_id !== this.id) return;
    const stored = this.store.apply(item);
    if (!stored) return;
    const atBottom = this.nearBottom();
    this.render(stored);
    if (stored.client_id) this.renderPending();
    if (live) this.arrived(atBottom);
    this.refreshControls();
  }

  render(item) {
    const element = renderItem(item, { me: this.me, act: (...args) => this.act(...args) });
    element.dataset.position = item.position;
    element.dataset.type = item.type;
    element.dataset.role = item.role ?? "";
    const known = this.elements.get(item.id);
    if (known) known.replaceWith(element);
    else this.insert(element, item.position);
    this.elements.set(item.id, element);
  }

  // Display order is `position`, except that an answer shows below the steps, tool calls
  // and choices that follow it: its generation made them on the way to the answer's text.
  insert(element, position) {
    let after = [...this.log.children].find((child) => Number(child.dataset.position) > position);
    if (isAnswer(element)) {
      while (after && isWork(after)) after = after.nextElementSibling;
    } else if (isWork(element)) {
      const before = after ? after.previousElementSibling : this.log.lastElementChild;
      if (before && isAnswer(before)) after = before;
    }
    this.log.insertBefore(element, after ?? null);
  }

  delta(frame) {
    const result = this.store.delta(frame);
    if (result === "gap") return this.live.resync(this.id);
    if (!result) return;
    const atBottom = this.nearBottom();
    const body = this.elements.get(result.id)?.querySelector(".body");
    if (body) fillBody(body, result);
    else this.render(result); // the first text: the "thinking" mark becomes the answer
    this.arrived(atBottom);
    this.refreshControls();
  }

  arrived(wasAtBottom) {
    if (wasAtBottom) this.toBottom();
    else this.pill.hidden = false;
    if (document.visibilityState === "visible" && wasAtBottom) this.markRead();
  }

  refreshControls() {
    const items = this.store.ordered();
    const streaming = this.store.streaming();
    const active = this.conversation?.status === "active";
    const waitsOnPerson = items.some((item) => item.type === "choice" && item.status === "pending");
    this.stopButton.hidden = !streaming || !active || (waitsOnPerson && !streaming.content);
    this.placeRetry(items, active && !streaming);
    this.placeEdit(items, active);
    const names = [...this.typers.values()]; // the assistant's own mark is in the log
    this.typingLine.textContent = names.length ? `${names.join(", ")} ${names.length > 1 ? "are" : "is"} typing…` : "";
    const empty = items.length === 0 && this.outbox.entries(this.id).length === 0;
    this.empty.hidden = !empty;
    if (empty && !this.empty.childElementCount) this.renderEmpty();
  }

  // Retry sits on the last answer when it answers the last message and that message is
  // this person's: only its author may ask for a new answer.
  placeRetry(items, possible) {
    const messages = items.filter((item) => item.type === "message" && item.role !== "system");
    const answer = messages.at(-1);
    const asked = messages.findLast((item) => item.role === "user");
    const retryable = possible && this.conversation.assistant !== "off" && answer?.role === "assistant"
      && asked?.role === "user" && asked.author?.user_id === this.me.id;
    const actions = retryable && this.elements.get(answer.id)?.querySelector(".message-actions");
    if (actions) actions.append(this.retryButton);
    else this.retryButton.remove();
  }

  // Edit sits on this person's latest message while the conversation takes new ones.
  placeEdit(items, possible) {
    const mine = items.findLast((item) => item.type === "message" && item.role === "user"
      && item.author?.user_id === this.me.id);
    const actions = possible && mine && this.elements.get(mine.id)?.querySelector(".message-actions");
    if (actions) {
      this.edited = mine;
      actions.append(this.editButton);
    } else {
      this.editButton.remove();
    }
  }

  edit() {
    const bubble = this.editButton.closest(".bubble");
    editMessage(bubble, this.edited.content ?? "", {
      onSend: (content) => {
        this.send(content);
        this.composer.focus();
      },
      onCancel: () => this.editButton.focus(),
    });
  }

  // Loaded, active, and nothing said yet (nor waiting in the outbox): as good as a new one.
  unused() {
    return Boolean(this.conversation) && this.conversation.id === this.id && this.conversation.status === "active"
      && this.store.items.size === 0 && this.outbox.entries(this.id).length === 0;
  }

  renderEmpty() {
    replaceChildren(this.empty,
      h("h2", {}, "What should we do?"),
      h("p", {}, "Tell the assistant what you need, in your own words. For example:"),
      h("div", { class: "suggestions" }, SUGGESTIONS.map((text) =>
        h("button", { type: "button", class: "suggestion", onclick: () => this.composer.fill(text) }, text))));
  }

  typingChanged({ user_id: userId, name, active }) {
    if (userId === this.me.id) return;
    if (active) this.typers.set(userId, name || "Someone");
    else this.typers.delete(userId);
    this.refreshControls();
  }

  renderPending() {
    if (!this.id) return;
    const entries = this.outbox.entries(this.id).filter((entry) => !this.store?.hasClientId(entry.client_id));
    replaceChildren(this.pending, entries.map((entry) => pendingBubble(entry, {
      retry: () => this.outbox.retry(entry.client_id),
      discard: () => this.outbox.remove(entry.client_id),
    })));
    if (this.store) this.refreshControls();
  }

  send(content) {
    this.outbox.add(this.id, content);
    this.toBottom();
  }

  async act(action, item, option) {
    const path = `/conversations/${this.id}/items/${item.id}/${action}`;
    try {
      const answer = await api(path, { method: "POST", body: action === "choose" ? { option } : undefined });
      this.apply(answer.item);
    } catch (error) {
      showError(error);
    }
  }

  async post(action) {
    try {
      await api(`/conversations/${this.id}/${action}`, { method: "POST" });
    } catch (error) {
      showError(error);
    }
  }

  sendReceipt() {
    if (!this.id || !this.store?.lastSeq) return;
    const frame = { type: "read", conversation_id: this.id, seq: this.store.lastSeq };
    if (!this.live.send(frame)) api(`/conversations/${this.id}/read`, { method: "POST", body: { seq: frame.seq } }).catch(() => {});
  }

  nearBottom() {
    const { scrollTop, scrollHeight, clientHeight } = this.scroller;
    return scrollHeight - scrollTop - clientHeight < NEAR_BOTTOM_PX;
  }

  toBottom() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.pill.hidden = true;
    this.markRead();
  }

  scrolled() {
    if (this.nearBottom()) {
      this.pill.hidden = true;
      this.markRead();
    }
  }

  observeTop() {
    this.topObserver?.disconnect();
    const sentinel = h("div", { class: "older-sentinel", "aria-hidden": "true" });
    this.log.prepend(sentinel);
    this.topObserver = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) this.loadOlder();
    }, { root: this.scroller });
    this.topObserver.observe(sentinel);
  }

  async loadOlder() {
    if (!this.store.hasOlder || this.loadingOlder) return;
    this.loadingOlder = true;
    const id = this.id;
    const before = this.store.oldestPosition();
    try {
      const page = await api(`/conversations/${id}/items?before_position=${before}&limit=${PAGE}`);
      if (id !== this.id) return;
      const height = this.scroller.scrollHeight;
      this.store.hasOlder = page.has_more;
      for (const item of page.items) this.apply(item, false);
      this.scroller.scrollTop += this.scroller.scrollHeight - height;
    } catch (error) {
      showError(error);
    } finally {
      this.loadingOlder = false;
    }
  }
}

function isAnswer(element) {
  return element.dataset.type === "message" && element.dataset.role === "assistant";
}

function isWork(element) {
  return ["step", "tool_call", "choice"].includes(element.dataset.type);
}
