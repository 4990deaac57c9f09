// A task's detail: a side panel on wide screens, a full-screen sheet on phones, at its own
// address (`?task=<id>`: reload, back and forward follow it). Each field saves on its own,
// shown at once from the task store and taken back with the server's message when refused;
// it re-renders from the store, so changes from other tabs and the assistant show live.
import { api } from "../api.js";
import { h, replaceChildren, skeleton, textAsHtml } from "../dom.js";
import { showError } from "../toast.js";
import { activityField } from "./detail_activity.js";
import { projectChoice, priorityChoice } from "./detail_choices.js";
import { dueField } from "./detail_due.js";
import { factsField } from "./detail_facts.js";
import { labelsField } from "./detail_labels.js";
import { parentField } from "./detail_parent.js";
import { repeatField } from "./detail_repeat.js";
import { subtasksField } from "./detail_subtasks.js";
import { detailText } from "./detail_text.js";

const PARAM = "task";
const NOT_FOUND = "This task is not among your tasks any more.";

function addressOf(id) {
  const url = new URL(location.href);
  if (id === null) url.searchParams.delete(PARAM);
  else url.searchParams.set(PARAM, id);
  return url;
}

export class TaskDetail {
  constructor({ me, tasks, projects }) {
    this.me = me;
    this.tasks = tasks;
    this.projects = projects;
    this.id = null;
    this.problem = null;
    this.body = h("div", { class: "detail-body" });
    this.heading = h("h2", { id: "detail-heading", tabindex: "-1" }, "Task");
    this.element = h("aside", { class: "task-detail", "aria-labelledby": "detail-heading", hidden: true },
      h("div", { class: "detail-bar" }, this.heading,
        h("button", { type: "button", class: "icon", "aria-label": "Close task details", onclick: () => this.close() }, "✕")),
      this.body);
    tasks.addEventListener("change", ({ detail: { id } }) => this.changed(id));
    addEventListener("popstate", () => this.followAddress());
    document.addEventListener("keydown", (event) => this.escape(event));
  }

  // Opens a task from the list (a new history entry) or from the panel (the same entry).
  open(id) {
    if (this.id === null) history.pushState({ taskDetail: true }, "", addressOf(id));
    else history.replaceState(history.state, "", addressOf(id));
    this.show(id);
  }

  close() {
    if (this.id === null) return;
    if (history.state?.taskDetail) {
      history.back(); // to the list's entry; popstate hides the panel
    } else {
      history.replaceState(null, "", addressOf(null));
      this.hide();
    }
  }

  followAddress() {
    const id = Number(new URLSearchParams(location.search).get(PARAM));
    if (Number.isInteger(id) && id > 0) this.show(id);
    else this.hide();
  }

  show(id) {
    if (this.id === null) this.returnTo = document.activeElement;
    if (this.id !== id) {
      this.id = id;
      this.problem = null;
      this.form = this.build();
      this.render();
      this.refresh();
    }
    this.element.hidden = false;
    document.body.classList.add("detail-open");
    this.heading.focus();
  }

  hide() {
    if (this.id === null) return;
    const row = document.querySelector(`.task[data-id="${this.id}"]`);
    this.id = null;
    this.element.hidden = true;
    document.body.classList.remove("detail-open");
    (row ?? this.returnTo)?.focus();
  }

  // The task, its subtasks, its parent and its activity from the server (on opening, and
  // after missed events).
  async refresh() {
    const id = this.id;
    if (id === null) return;
    this.activity.reload();
    try {
      const [task, subtasks] = await Promise.all([
        api(`/tasks/${id}`), api(`/tasks?parent_id=${id}&status=all&limit=200`)]);
      this.tasks.receive(task);
      for (const subtask of subtasks.items) this.tasks.receive(subtask);
      // Without it the link to it still works, with no title.
      if (task.parent_id !== null) await api(`/tasks/${task.parent_id}`).then((parent) => this.tasks.receive(parent), () => {});
    } catch (error) {
      if (this.id !== id) return;
      this.problem = error.status === 404 ? NOT_FOUND : error.message;
      this.render();
    }
  }

  build() {
    const save = (changes, preview) => this.save(changes, preview);
    this.done = h("input", { type: "checkbox", onchange: (event) => this.setDone(this.tasks.get(this.id), event.target.checked) });
    this.trashed = h("p", { class: "detail-notice", hidden: true }, "This task is in the trash.");
    this.fields = [
      parentField({ tasks: this.tasks, open: (id) => this.open(id) }),
      detailText({
        label: "title", text: (task) => task.title, html: (task) => task.title_html, empty: "",
        save: (title) => save({ title }, { title, title_html: textAsHtml(title) }),
      }),
      detailText({
        label: "notes", multiline: true, text: (task) => task.description, html: (task) => task.description_html,
        empty: "No notes.", placeholder: "Markdown: **bold**, - lists, [links](https://…); Ctrl+Enter saves",
        save: (description) => save({ description }, { description, description_html: textAsHtml(description) }),
      }),
      projectChoice({ projects: this.projects, save }),
      priorityChoice({ save }),
      labelsField({ save }),
      dueField({ me: this.me, save }),
      repeatField({ me: this.me, save }),
      subtasksField({
        tasks: this.tasks, setDone: (task, done) => this.setDone(task, done), open: (id) => this.open(id),
        add: (title) => this.addSubtask(title),
      }),
      factsField({ me: this.me }),
    ];
    this.activity = activityField({ me: this.me, id: this.id, refresh: () => this.refresh() });
    const [parent, title, notes, project, priority, ...rest] = this.fields.map((field) => field.element);
    return h("div", { class: "detail-form" }, this.trashed, parent,
      h("div", { class: "detail-head" }, h("label", { class: "check detail-done" }, this.done, "Done"), title),
      notes, h("div", { class: "detail-pair" }, project, priority), rest, this.activity.element);
  }

  render() {
    if (this.id === null) return;
    const task = this.tasks.get(this.id);
    if (!task) {
      replaceChildren(this.body, this.problem ? h("p", { class: "error" }, this.problem) : skeleton(6));
      return;
    }
    if (this.body.firstChild !== this.form) replaceChildren(this.body, this.form);
    this.done.checked = Boolean(task.completed_at);
    this.done.setAttribute("aria-label", task.completed_at ? `Reopen “${task.title}”` : `Complete “${task.title}”`);
    this.trashed.hidden = !task.deleted_at;
    for (const field of this.fields) field.update(task);
  }

  // An `activity` frame: a change of the assistant's, or its undoing, that names tasks.
  activityChanged({ subjects }) {
    if (this.id !== null && subjects.includes(`task:${this.id}`)) this.activity.reload();
  }

  changed(id) {
    if (this.id === null) return;
    const shownSubtask = this.element.querySelector(`.detail-subtasks [data-id="${id}"]`);
    const parent = this.tasks.get(this.id)?.parent_id;
    if (id === this.id || id === parent || this.tasks.get(id)?.parent_id === this.id || shownSubtask) this.render();
  }

  escape(event) {
    if (event.key !== "Escape" || this.id === null || event.defaultPrevented) return;
    if (event.target.closest?.(".widget, .bell, dialog")) return;
    this.close();
  }

  async save(changes, preview = changes) {
    const id = this.id;
    return this.settle(this.tasks.change(id, preview, () => api(`/tasks/${id}`, { method: "PATCH", body: changes })));
  }

  async setDone(task, done) {
    const preview = { completed_at: done ? new Date().toISOString() : null };
    return this.settle(this.tasks.change(task.id, preview,
      () => api(`/tasks/${task.id}/${done ? "complete" : "reopen"}`, { method: "POST" })));
  }

  // In the parent's project, as the lists show a subtask under its parent only there.
  async addSubtask(title) {
    const body = { title, parent_id: this.id, project_id: this.tasks.get(this.id).project_id };
    return this.settle(api("/tasks", { method: "POST", body })
      .then((task) => this.tasks.receive(task, "created")));
  }

  // True when the server took the change; else its message, in a toast.
  async settle(request) {
    try {
      await request;
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  }
}
