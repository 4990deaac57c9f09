// The dashboard's task list: quick add, grouped tasks, inline edit, complete and delete
// with Undo, filters and search; kept current by the user's live channel. A click on a task
// (or Enter on it) opens its detail through `open(id)`.
import { api } from "../api.js";
import { h, replaceChildren, skeleton } from "../dom.js";
import { showError, toast } from "../toast.js";
import { dueWords, todayIn } from "../dates.js";
import { repeatMark } from "./repeat_mark.js";
import { groupTasks } from "./task_groups.js";

export class TaskBoard {
  constructor({ me, open }) {
    this.me = me;
    this.open = open;
    this.tasks = new Map();
    this.projects = new Map();
    this.by = "when";
    this.quick = h("input", { name: "text", required: true, autocomplete: "off",
      placeholder: "buy milk tomorrow 5pm #errands @shop p1", "aria-label": "Quick add a task" });
    this.search = h("input", { type: "search", placeholder: "Search tasks", "aria-label": "Search tasks", oninput: () => this.render() });
    this.projectFilter = h("select", { "aria-label": "Filter by project", onchange: () => this.render() });
    this.groupBy = h("select", { "aria-label": "Group tasks", onchange: () => { this.by = this.groupBy.value; this.render(); } },
      h("option", { value: "when" }, "Group by date"), h("option", { value: "project" }, "Group by project"));
    this.list = h("div", { class: "task-groups", "aria-live": "polite" }, skeleton(5));
    this.element = h("section", { class: "board", "aria-labelledby": "tasks-title" },
      h("h1", { id: "tasks-title" }, "Tasks"),
      h("form", { class: "quick-add", onsubmit: (event) => { event.preventDefault(); this.add(); } },
        this.quick, h("button", { type: "submit", class: "primary" }, "Add")),
      h("div", { class: "filters" }, this.search, this.projectFilter, this.groupBy),
      this.list);
  }

  async load() {
    try {
      const [tasks, projects] = await Promise.all([this.fetchOpenTasks(), api("/projects")]);
      this.tasks = new Map(tasks.map((task) => [task.id, task]));
      this.projects = new Map(projects.items.map((project) => [project.id, project]));
      this.render();
    } catch (error) {
      replaceChildren(this.list, h("p", { class: "error" }, error.message));
    }
  }

  async fetchOpenTasks() {
    const all = [];
    let cursor = null;
    do {
      const page = await api(`/tasks?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      all.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return all;
  }

  taskChanged({ event, task }) {
    if (event === "deleted" || task.completed_at || task.deleted_at) this.tasks.delete(task.id);
    else this.tasks.set(task.id, task);
    this.render();
  }

  projectChanged({ event, project }) {
    if (event === "deleted") this.projects.delete(project.id);
    else this.projects.set(project.id, project);
    this.render();
  }

  render() {
    const chosen = this.projectFilter.value;
    replaceChildren(this.projectFilter, h("option", { value: "" }, "All projects"),
      h("option", { value: "inbox", selected: chosen === "inbox" }, "Inbox"),
      [...this.projects.values()].filter((p) => !p.archived).map((project) =>
        h("option", { value: String(project.id), selected: chosen === String(project.id) }, project.name)));
    const words = this.search.value.trim().toLowerCase();
    const tasks = [...this.tasks.values()].filter((task) =>
      (!words || `${task.title} ${task.description}`.toLowerCase().includes(words))
      && (!chosen || (chosen === "inbox" ? task.project_id === null : String(task.project_id) === chosen)));
    if (!tasks.length) {
      replaceChildren(this.list, h("div", { class: "empty" },
        h("p", {}, this.tasks.size ? "No task matches these filters." : "Nothing to do yet."),
        this.tasks.size ? null : h("p", { class: "muted" }, "Add one above, or ask the assistant: “add buy milk tomorrow at 5pm”.")));
      return;
    }
    const today = todayIn(this.me.timezone);
    const groups = groupTasks(tasks, { by: this.by, today, projects: this.projects });
    replaceChildren(this.list, groups.map(({ name, tasks: members }) =>
      h("section", { class: `task-group group-${name.toLowerCase().replace(/\W+/g, "-")}`, "aria-label": name },
        h("h2", {}, name, h("span", { class: "count" }, ` ${members.length}`)),
        h("ul", { class: "tasks" }, members.map((task) => this.row(task, today.date))))));
  }

  row(task, today) {
    const project = this.projects.get(task.project_id);
    // Two lines at most: the whole title is its tooltip and fills the editor.
    const title = h("span", { class: "task-title", title: task.title });
    title.innerHTML = task.title_html; // sanitized by the server as chat messages are
    const meta = [dueWords(task.due, this.me, today), project ? `#${project.name}` : "", ...task.labels.map((l) => `@${l}`),
      task.priority ? `p${5 - task.priority}` : ""].filter(Boolean).join(" · ");
    const item = h("li", {
      class: `task priority-${task.priority}`, "data-id": task.id, tabindex: "0",
      onclick: (event) => { if (!event.target.closest("a, button, input")) this.open(task.id); },
      onkeydown: (event) => { if (event.key === "Enter" && event.target === item) this.open(task.id); },
    },
      h("input", { type: "checkbox", "aria-label": `Complete “${task.title}”`, onchange: () => this.complete(task) }),
      h("div", { class: "task-main" }, title, meta ? h("span", { class: "task-meta" }, repeatMark(task.recurrence), meta) : null),
      h("button", { type: "button", class: "icon", "aria-label": `Edit “${task.title}”`, onclick: () => this.edit(item, task) }, "✎"),
      h("button", { type: "button", class: "icon", "aria-label": `Delete “${task.title}”`, onclick: () => this.remove(task) }, "✕"));
    return item;
  }

  edit(item, task) {
    const input = h("input", { value: task.title, "aria-label": "Task title" });
    const finish = async (save) => {
      if (save && input.value.trim() && input.value !== task.title) {
        await this.call(`/tasks/${task.id}`, "PATCH", { title: input.value.trim() });
      } else this.render();
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") finish(true);
      if (event.key === "Escape") finish(false);
    });
    input.addEventListener("blur", () => finish(true), { once: true });
    item.querySelector(".task-main").replaceWith(input);
    input.focus();
  }

  async add() {
    const text = this.quick.value.trim();
    if (!text) return;
    const task = await this.call("/tasks/quick", "POST", { text });
    if (task) this.quick.value = "";
  }

  async complete(task) {
    if (await this.call(`/tasks/${task.id}/complete`, "POST")) {
      toast(`Completed “${task.title}”.`, { action: "Undo", onAction: () => this.call(`/tasks/${task.id}/reopen`, "POST") });
    }
  }

  async remove(task) {
    if ((await this.call(`/tasks/${task.id}`, "DELETE")) !== undefined) {
      this.tasks.delete(task.id);
      this.render();
      toast(`Deleted “${task.title}”.`, { action: "Undo", onAction: () => this.call(`/tasks/${task.id}/restore`, "POST") });
    }
  }

  // The change's event updates the list; the answer does too, so it never waits on it.
  async call(path, method, body) {
    try {
      const task = await api(path, { method, body });
      if (task?.id) this.taskChanged({ event: "updated", task });
      return task;
    } catch (error) {
      showError(error);
      this.render();
      return undefined;
    }
  }
}
