// The bell in the top bar: the reminders that fired for the user, newest first, with the
// unread count; a popover on wide screens, a full-width sheet on phones (app.css). Kept
// current by the user's channel: a `reminder` frame adds one at the top, a `notifications`
// frame reads them (another tab, the service worker, completing the task anywhere), a `task`
// frame keeps its task current; after a reconnect the list is read again.
import { api } from "../api.js";
import { h, replaceChildren } from "../dom.js";
import { completeTask, markRead, snooze } from "./reminder_actions.js";
import { SNOOZE_MINUTES, firedWords } from "./reminder_words.js";

const RECENT = 20; // read ones shown below the unread
const MOST_UNREAD = 200; // the API's largest page
const SHOWN_COUNT = 99;
const SVG = "http://www.w3.org/2000/svg";

// The notification a `reminder` frame announces, as `GET /notifications` gives it.
export function notificationOf(frame) {
  return {
    id: frame.notification_id, kind: "reminder", task: frame.task, reminder_id: frame.reminder.id,
    fired_at: frame.fired_at, read_at: null, late_seconds: frame.late_seconds, missed: false,
    snoozed_until: null,
  };
}

// Drawn, not an emoji: not every system has a font with one.
function bellIcon() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", "M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2 15a2 2 0 0 0 4 0");
  path.setAttribute("fill", "none");
  path.setAttribute("stroke", "currentColor");
  path.setAttribute("stroke-width", "2");
  path.setAttribute("stroke-linejoin", "round");
  svg.append(path);
  return svg;
}

function isLive(task) {
  return !task.completed_at && !task.deleted_at;
}

export class Bell {
  constructor({ me, live }) {
    this.zone = me.timezone;
    this.items = new Map(); // notification id -> notification
    this.badge = h("span", { class: "bell-badge", "aria-hidden": "true", hidden: true });
    this.button = h("button", {
      type: "button", class: "icon bell-button", "aria-controls": "bell-panel",
      "aria-expanded": "false", onclick: () => this.toggle(),
    }, bellIcon(), this.badge);
    this.list = h("ul", { class: "bell-list" });
    this.readAll = h("button", { type: "button", class: "link", onclick: () => this.markAllRead() },
      "Mark all read");
    this.panel = h("div", { id: "bell-panel", class: "bell-panel", role: "region",
      "aria-label": "Reminders", hidden: true },
    h("div", { class: "bell-head" }, h("h2", {}, "Reminders"), this.readAll), this.list);
    this.element = h("div", { class: "bell" }, this.button, this.panel);
    live.on("reminder", (frame) => this.put(notificationOf(frame)));
    live.on("notifications", (frame) => this.read(frame.ids, frame.read_at));
    live.on("task", ({ task }) => this.taskChanged(task));
    let connectedBefore = false;
    live.on("ready", () => { // after a reconnect: what changed meanwhile
      if (connectedBefore) this.load();
      connectedBefore = true;
    });
    addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !this.panel.hidden) this.toggle(false, true);
    });
    document.addEventListener("click", (event) => {
      if (!this.panel.hidden && !this.element.contains(event.target)) this.toggle(false);
    });
    this.render();
    this.load();
  }

  async load() {
    try {
      const [unread, recent] = await Promise.all([
        api(`/notifications?unread=true&limit=${MOST_UNREAD}`),
        api(`/notifications?limit=${RECENT}`),
      ]);
      for (const notification of [...unread.items, ...recent.items]) {
        this.items.set(notification.id, notification);
      }
      this.render();
    } catch {
      // Offline or signed out: the connection says so; the next `ready` reads again.
    }
  }

  put(notification) {
    this.items.set(notification.id, notification);
    this.render();
  }

  read(ids, readAt) {
    for (const id of ids) {
      const notification = this.items.get(id);
      if (notification && !notification.read_at) notification.read_at = readAt;
    }
    this.render();
  }

  taskChanged(task) {
    for (const notification of this.items.values()) {
      if (notification.task.id === task.id) notification.task = task;
    }
    this.render();
  }

  unread() {
    return [...this.items.values()].filter((notification) => !notification.read_at);
  }

  toggle(open = this.panel.hidden, refocus = false) {
    this.panel.hidden = !open;
    this.button.setAttribute("aria-expanded", String(open));
    if (open) this.render();
    if (refocus) this.button.focus();
  }

  render() {
    const unread = this.unread().length;
    this.badge.hidden = unread === 0;
    this.badge.textContent = unread > SHOWN_COUNT ? `${SHOWN_COUNT}+` : String(unread);
    this.button.setAttribute("aria-label", unread ? `Reminders, ${unread} unread` : "Reminders");
    this.readAll.hidden = unread === 0;
    if (this.panel.hidden) return;
    const newest = [...this.items.values()].sort((a, b) => b.fired_at.localeCompare(a.fired_at));
    replaceChildren(this.list, newest.length ? newest.map((notification) => this.entry(notification))
      : h("li", { class: "muted empty" }, "No reminders yet. Ask the assistant to remind you of something."));
  }

  entry(notification) {
    const { task } = notification;
    const unread = !notification.read_at;
    const live = isLive(task);
    return h("li", { class: "bell-item", "data-id": notification.id, "data-unread": String(unread) },
      h("div", { class: "bell-text" },
        h("span", { class: "bell-title" }, unread ? h("span", { class: "sr-only" }, "Unread: ") : null,
          task.title),
        h("span", { class: "muted small" }, firedWords(notification, this.zone)),
        task.completed_at ? h("span", { class: "muted small" }, "Done") : null),
      h("div", { class: "row" },
        live ? h("button", { type: "button", class: "secondary", onclick: () => this.complete(task) },
          "Done") : null,
        live && notification.reminder_id !== null ? h("button", {
          type: "button", class: "secondary", onclick: () => this.snooze(notification),
        }, `Snooze ${SNOOZE_MINUTES} min`) : null,
        unread ? h("button", { type: "button", class: "link", onclick: () => this.markRead(notification) },
          "Mark read") : null));
  }

  async complete(task) {
    const done = await completeTask(task);
    if (done) this.taskChanged(done);
  }

  async snooze(notification) {
    const snoozed = await snooze(notification.id, this.zone);
    if (snoozed) this.put(snoozed);
  }

  async markRead(notification) {
    const read = await markRead(notification.id);
    if (read) this.put(read);
  }

  async markAllRead() {
    await Promise.all(this.unread().map((notification) => this.markRead(notification)));
  }
}
