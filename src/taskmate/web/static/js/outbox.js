// Messages on their way to the server, kept in localStorage (outbox_entries.js) so that what
// was typed offline, or before a crash or a reload, is sent exactly once: every message has a
// client_id, and the server answers a repeated client_id with the message it already has.
// States: pending (waiting or in flight), failed (the server refused it; Retry sends it again).
import { api } from "./api.js";
import { backoff } from "./connection.js";
import { OUTBOX_KEY, outboxEntries } from "./outbox_entries.js";

export class Outbox extends EventTarget {
  constructor(storage = localStorage) {
    super();
    this.storage = storage;
    this.flushing = false;
    this.attempt = 0;
    this.timer = null;
    addEventListener("storage", (event) => {
      if (event.key === OUTBOX_KEY) this.changed();
    });
  }

  load() {
    return outboxEntries(this.storage);
  }

  save(entries) {
    this.storage.setItem(OUTBOX_KEY, JSON.stringify(entries));
    this.changed();
  }

  changed(detail = {}) {
    this.dispatchEvent(new CustomEvent("change", { detail }));
  }

  entries(conversationId) {
    return this.load().filter((entry) => entry.conversation_id === conversationId);
  }

  add(conversationId, content) {
    const entry = {
      client_id: crypto.randomUUID(),
      conversation_id: conversationId,
      content,
      status: "pending",
      error: null,
    };
    this.save([...this.load(), entry]);
    this.flush();
    return entry;
  }

  update(clientId, changes) {
    this.save(this.load().map((entry) => (entry.client_id === clientId ? { ...entry, ...changes } : entry)));
  }

  remove(clientId) {
    this.save(this.load().filter((entry) => entry.client_id !== clientId));
  }

  retry(clientId) {
    this.update(clientId, { status: "pending", error: null });
    this.flush();
  }

  // Sends pending messages one at a time, oldest first, so they arrive in the order typed.
  async flush() {
    if (this.flushing) return;
    this.flushing = true;
    clearTimeout(this.timer);
    try {
      let entry;
      while ((entry = this.load().find((candidate) => candidate.status === "pending"))) {
        const waitMs = await this.deliver(entry);
        if (waitMs !== null) {
          this.timer = setTimeout(() => this.flush(), waitMs);
          return;
        }
      }
      this.attempt = 0;
    } finally {
      this.flushing = false;
    }
  }

  // Null when the entry is settled; otherwise how long to wait before trying again.
  async deliver(entry) {
    try {
      const sent = await api(`/conversations/${entry.conversation_id}/messages`, {
        method: "POST",
        body: { client_id: entry.client_id, content: entry.content },
      });
      this.remove(entry.client_id);
      this.changed({ sent: sent.item });
      this.attempt = 0;
      return null;
    } catch (error) {
      if (error.retryable) {
        this.attempt += 1;
        return error.retryAfter ? error.retryAfter * 1000 : backoff(this.attempt);
      }
      if (error.status === 401) return backoff(this.attempt);
      this.update(entry.client_id, { status: "failed", error: error.message });
      return null;
    }
  }
}

let shared = null;
export function outbox() {
  if (!shared) {
    shared = new Outbox();
    addEventListener("online", () => shared.flush());
    shared.flush();
  }
  return shared;
}
