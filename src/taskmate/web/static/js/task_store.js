// Every task the dashboard has seen, by id, as the server last sent it (answers and the user
// channel's `task` frames; an older version never replaces a newer one), with the changes
// still on their way laid over it: `get` shows them at once, a refusal lifts them off again.
// A "change" event ({id, event}) follows every difference.
import { byPosition } from "./views/task_groups.js";

export class TaskStore extends EventTarget {
  constructor() {
    super();
    this.known = new Map();
    this.pending = new Map(); // id -> the changes sent and not answered yet, oldest first
  }

  get(id) {
    const task = this.known.get(id);
    if (!task) return undefined;
    return Object.assign({ ...task }, ...(this.pending.get(id) ?? []));
  }

  receive(task, event = "updated") {
    const known = this.known.get(task.id);
    if (known && task.updated_at < known.updated_at) return;
    this.known.set(task.id, task);
    this.announce(task.id, event);
  }

  // Shows `preview` at once, runs `send` (a request answering with the task) and keeps the
  // answer; a refusal takes the preview back and throws.
  async change(id, preview, send) {
    const changes = this.pending.get(id) ?? [];
    changes.push(preview);
    this.pending.set(id, changes);
    this.announce(id);
    const settle = () => {
      changes.splice(changes.indexOf(preview), 1);
      if (!changes.length) this.pending.delete(id);
    };
    let task;
    try {
      task = await send();
    } catch (error) {
      settle();
      this.announce(id);
      throw error;
    }
    settle();
    this.receive(task);
    return task;
  }

  subtasksOf(id) {
    return [...this.known.keys()].map((key) => this.get(key))
      .filter((task) => task.parent_id === id && !task.deleted_at)
      .sort(byPosition); // as the lists order them
  }

  announce(id, event = "updated") {
    this.dispatchEvent(new CustomEvent("change", { detail: { id, event } }));
  }
}
