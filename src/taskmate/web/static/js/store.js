// The items of one conversation, by id: merged by seq (a change never goes back), with
// streaming text applied at code-point offsets. Display order is `position`.
import { codePoints } from "./dom.js";

export class ConversationStore {
  constructor() {
    this.items = new Map();
    this.lastSeq = 0;
    this.hasOlder = false;
  }

  // Returns the stored item, or null when the change was older than what we have.
  apply(item) {
    const known = this.items.get(item.id);
    if (known && item.seq < known.seq) return null;
    const merged = { ...item };
    if (known && item.status === "streaming" && known.status === "streaming"
        && codePoints(known.content ?? "") > codePoints(item.content ?? "")) {
      merged.content = known.content; // a checkpoint trails the deltas: keep the longer text
    }
    this.items.set(item.id, merged);
    this.lastSeq = Math.max(this.lastSeq, item.seq);
    return merged;
  }

  // Returns the item, "gap" when text or the item was missed (resubscribe), or null when
  // the message is no longer streaming.
  delta({ item_id: id, offset, text }) {
    const item = this.items.get(id);
    if (!item) return "gap";
    if (item.status !== "streaming") return null;
    const chars = Array.from(item.content ?? "");
    if (offset > chars.length) return "gap";
    const added = Array.from(text);
    chars.splice(offset, added.length, ...added);
    item.content = chars.join("");
    return item;
  }

  ordered() {
    return [...this.items.values()].sort((a, b) => a.position - b.position);
  }

  oldestPosition() {
    let oldest = Infinity;
    for (const item of this.items.values()) oldest = Math.min(oldest, item.position);
    return oldest;
  }

  hasClientId(clientId) {
    for (const item of this.items.values()) if (item.client_id === clientId) return true;
    return false;
  }

  streaming() {
    return [...this.items.values()].find((item) => item.type === "message" && item.status === "streaming");
  }
}
