// The message box: Enter sends, Shift+Enter adds a line, a counter near the 10,000
// code-point limit, typing notices, and a draft kept in localStorage (so a sign-out or a
// reload never loses what was typed).
import { codePoints, h } from "../dom.js";

export const MAX_CHARS = 10000;
const COUNTER_FROM = 9000;
const TYPING_IDLE_MS = 4000;

export class Composer {
  constructor({ onSend, onTyping, placeholder = "Message the assistant" }) {
    this.onSend = onSend;
    this.onTyping = onTyping;
    this.key = null;
    this.typing = false;
    this.idleTimer = null;
    this.input = h("textarea", {
      id: `composer-${Math.random().toString(36).slice(2, 8)}`,
      rows: "1",
      placeholder,
      disabled: true, // until a conversation is open
      "aria-label": "Message",
      "aria-describedby": "",
      enterkeyhint: "send",
      oninput: () => this.changed(),
      onkeydown: (event) => this.keydown(event),
    });
    this.counter = h("span", { class: "counter", "aria-live": "polite", hidden: true });
    this.input.setAttribute("aria-describedby", this.counter.id = `${this.input.id}-count`);
    this.button = h("button", { type: "submit", class: "primary", "aria-label": "Send" }, "Send");
    this.notice = h("p", { class: "locked-notice", hidden: true });
    this.element = h("form", { class: "composer", onsubmit: (event) => { event.preventDefault(); this.submit(); } },
      this.notice, this.input, h("div", { class: "composer-side" }, this.counter, this.button));
  }

  // Which draft the box holds (one per conversation).
  use(key) {
    this.key = `taskmate.draft.${key}`;
    this.input.value = localStorage.getItem(this.key) ?? "";
    this.changed(false);
  }

  lock(message = "") {
    this.input.disabled = true;
    this.button.disabled = true;
    this.notice.hidden = !message;
    this.notice.textContent = message;
  }

  unlock() {
    this.input.disabled = false;
    this.notice.hidden = true;
    this.changed(false);
  }

  focus() {
    this.input.focus();
  }

  fill(text) {
    this.input.value = text;
    this.changed(false);
    this.focus();
  }

  keydown(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  changed(typed = true) {
    const count = codePoints(this.input.value);
    this.counter.hidden = count < COUNTER_FROM;
    this.counter.textContent = `${count.toLocaleString("en")} / ${MAX_CHARS.toLocaleString("en")}`;
    this.counter.classList.toggle("over", count > MAX_CHARS);
    this.button.disabled = this.input.disabled || count > MAX_CHARS || !this.input.value.trim();
    this.input.style.height = "auto";
    this.input.style.height = `${Math.min(this.input.scrollHeight, 200)}px`;
    if (this.key) {
      if (this.input.value) localStorage.setItem(this.key, this.input.value);
      else localStorage.removeItem(this.key);
    }
    if (typed) this.setTyping(Boolean(this.input.value));
  }

  setTyping(active) {
    clearTimeout(this.idleTimer);
    if (active) this.idleTimer = setTimeout(() => this.setTyping(false), TYPING_IDLE_MS);
    if (active === this.typing) return;
    this.typing = active;
    this.onTyping?.(active);
  }

  submit() {
    const content = this.input.value;
    if (this.button.disabled || !content.trim()) return;
    this.input.value = "";
    this.changed(false);
    this.setTyping(false);
    this.onSend(content);
    this.focus();
  }
}
