// The dashboard's task list: quick add, the views of tasks (all, Inbox, Today, Upcoming, a
// project, a label, Completed, Trash) with their navigation, inline edit, complete and delete
// with Undo, search, and ordering a project or the inbox by hand; kept current by the user's
// live channel. Each view has its own address, so back, forward and reload keep it. A click on
// a task (or Enter on it) opens its detail through `open(id)`. Subtasks stand under their
// parent when it is in the same list (task_tree.js), and can be hidden under it.
import { api } from "../api.js";
import { h, replaceChildren, skeleton } from "../dom.js";
import { showError, toast } from "../toast.js";
import { todayIn } from "../dates.js";
import { subtaskCounts, treeOf } from "../task_tree.js";
import {
  addressOf, archiveStatus, countIn, emptyWords, groupsIn, isReorderable, labelsOf, nameOf, tasksIn, viewOf,
} from "../task_views.js";
import { archivedRow } from "./archived_row.js";
import { reorderable } from "./reorder.js";
import { TaskFamily } from "./task_family.js";
import { TaskNav } from "./task_nav.js";
import { taskRow } from "./task_row.js";

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
    this.groupBy = h("select", { "aria-label": "Group tasks", onchange: () => { this.by = this.groupBy.value; this.render(); } },
      h("option", { value: "when" }, "Group by date"), h("option", { value: "project" }, "Group by project"));
    this.list = h("div", { class: "task-groups", "aria-live": "polite" }, skeleton(5));
    this.heading = h("h1", { id: "tasks-title" }, "Tasks");
    this.more = h("button", { type: "button", class: "more", hidden: true, onclick: () => this.loadArchive(true) }, "Show more");
    this.element = h("section", { class: "board", "aria-labelledby": "tasks-title" },
      this.heading,
      h("form", { class: "quick-add", onsubmit: (event) => { event.preventDefault(); this.add(); } },
        this.quick, h("button", { type: "submit", class: "primary" }, "Add")),
      h("div", { class: "filters" }, this.search, this.groupBy),
      this.list, this.more);
    this.nav = new TaskNav({ go: (view) => this.go(view) });
    this.view = viewOf(location.search);
    this.archive = { kind: null, cursor: null, loading: false };
    this.family = new TaskFamily();
    this.collapsedKey = `taskmate-collapsed-${me.id}`;
    this.collapsed = new Set(JSON.parse(localStorage.getItem(this.collapsedKey) ?? "[]"));
    this.actions = {
      open: (id) => this.open(id), complete: (task) => this.complete(task), edit: (item, task) => this.edit(item, task),
      remove: (task) => this.remove(task), toggle: (id) => this.toggle(id),
    };
    window.addEventListener("popstate", () => this.show(viewOf(location.search)));
  }

  // Opens a view as a new entry of the tab's history.
  go(view) {
    if (addressOf(view) !== location.pathname + location.search) history.pushState(null, "", addressOf(view));
    this.show(view);
  }

  show(view) {
    this.view = view;
    if (archiveStatus(view)) this.loadArchive();
    this.render();
  }

  // The newest page of Completed or Trash, or (`more`) the page after the last one read.
  async loadArchive(more = false) {
    const view = this.view;
    const params = new URLSearchParams({ status: archiveStatus(view), limit: "50" });
    if (more) params.set("cursor", this.archive.cursor);
    this.archive = { kind: view.kind, cursor: more ? this.archive.cursor : null, loading: true };
    try {
      const page = await api(`/tasks?${params}`);
      for (const task of page.items) this.keep(task);
      if (view === this.view) this.archive = { kind: view.kind, cursor: page.next_cursor, loading: false };
    } catch (error) {
      showError(error);
      if (view === this.view) this.archive.loading = false;
    }
    if (view === this.view) this.render();
  }

  async load() {
    try {
      const [tasks, projects] = await Promise.all([this.fetchOpenTasks(), api("/projects")]);
      this.tasks = new Map(tasks.map((task) => [task.id, task]));
      this.family.forget();
      this.projects = new Map(projects.items.map((project) => [project.id, project]));
      this.show(this.view);
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

  // Done and deleted tasks stay known, for Completed and the Trash. An answer or a frame that
  // comes late never brings back an older version.
  taskChanged({ task }) {
    this.keep(task);
    this.render();
  }

  keep(task) {
    const known = this.tasks.get(task.id);
    if (!known || known.updated_at <= task.updated_at) this.tasks.set(task.id, task);
  }

  // Reads the done subtasks of the parents shown and the parents not known, once per load.
  async readFamily(shown, counts) {
    const found = await this.family.read({
      parents: shown.filter((task) => counts.has(task.id)).map((task) => task.id),
      missing: shown.filter((task) => task.parent_id !== null && !this.tasks.has(task.parent_id)).map((task) => task.parent_id),
    });
    for (const task of found) this.keep(task);
    if (found.length) this.render();
  }

  toggle(id) {
    if (!this.collapsed.delete(id)) this.collapsed.add(id);
    localStorage.setItem(this.collapsedKey, JSON.stringify([...this.collapsed]));
    this.render();
  }

  projectChanged({ event, project }) {
    if (event === "deleted") this.projects.delete(project.id);
    else this.projects.set(project.id, project);
    this.render();
  }

  render() {
    const today = todayIn(this.me.timezone);
    const all = [...this.tasks.values()];
    const name = nameOf(this.view, this.projects);
    this.heading.textContent = name;
    document.title = `${name} · Taskmate`;
    this.groupBy.hidden = this.view.kind !== "all";
    this.nav.render(this.navSections(all, today), this.view);
    const archived = Boolean(archiveStatus(this.view));
    this.more.hidden = !archived || !this.archive.cursor;
    const words = this.search.value.trim().toLowerCase();
    const shown = tasksIn(this.view, all, today);
    const tasks = shown.filter((task) => !words || `${task.title} ${task.description}`.toLowerCase().includes(words));
    if (!tasks.length) {
      const first = this.view.kind === "all" && !shown.length;
      replaceChildren(this.list, archived && this.archive.loading ? skeleton(3) : h("div", { class: "empty" },
        h("p", {}, shown.length ? "No task matches your search." : emptyWords(this.view)),
        first ? h("p", { class: "muted" }, "Add one above, or ask the assistant: “add buy milk tomorrow at 5pm”.") : null));
      return;
    }
    const focused = this.focusedRow();
    const groups = groupsIn(this.view, tasks, { by: this.by, today, me: this.me, projects: this.projects });
    const counts = subtaskCounts(all);
    let week = null;
    replaceChildren(this.list, groups.flatMap((group) => {
      const weekHeading = group.week && group.week !== week ? h("h2", { class: "week" }, group.week) : null;
      week = group.week ?? null;
      return [weekHeading, this.group(group, { today: today.date, counts, archived })];
    }));
    if (focused) this.list.querySelector(focused)?.focus();
    if (!archived) this.readFamily(tasks, counts);
  }

  // The focused row, or the subtasks button in it, as a selector that finds it redrawn.
  focusedRow() {
    const active = document.activeElement;
    const row = this.list.contains(active) ? active.closest("li.task") : null;
    if (!row) return null;
    const at = `li.task[data-id="${row.dataset.id}"]`;
    if (active === row) return at;
    return active.matches(".subtask-toggle") ? `${at} > .subtask-toggle` : null;
  }

  group({ name, detail, week, tasks }, context) {
    const list = this.branch(context.archived ? tasks.map((task) => ({ task, children: [] })) : treeOf(tasks), context);
    if (!name) return h("section", { class: "task-group", "aria-label": nameOf(this.view, this.projects) }, list);
    return h("section", { class: `task-group group-${name.toLowerCase().replace(/\W+/g, "-")}`, "aria-label": name },
      // Days under their week: the date beside the name, and no count to read as part of it.
      week ? h("h3", {}, name, detail ? h("span", { class: "detail" }, ` ${detail}`) : null)
        : h("h2", {}, name, h("span", { class: "count" }, ` ${tasks.length}`)),
      list);
  }

  // Sibling tasks, each with its subtasks under it; reordered among themselves by hand.
  branch(nodes, context, parent = null) {
    const list = h("ul", { class: parent ? "tasks subtasks" : "tasks" }, nodes.map((node) => this.rowOf(node, context, parent)));
    if (isReorderable(this.view) && !this.search.value.trim()) reorderable(list, (id, place) => this.move(id, place));
    return list;
  }

  rowOf({ task, children }, context, parent) {
    const { today, counts } = context;
    if (task.deleted_at) return archivedRow(task, { me: this.me, action: "Restore", onAction: () => this.call(`/tasks/${task.id}/restore`, "POST") });
    if (task.completed_at) return archivedRow(task, { me: this.me, action: "Reopen", onAction: () => this.call(`/tasks/${task.id}/reopen`, "POST") });
    const expanded = children.length ? !this.collapsed.has(task.id) : null;
    const row = taskRow(task, {
      me: this.me, today, projects: this.projects, actions: this.actions,
      apart: !parent && task.parent_id !== null, parent: this.tasks.get(task.parent_id),
      count: counts.get(task.id), expanded,
    });
    if (children.length) {
      const subtasks = this.branch(children, context, task);
      subtasks.hidden = !expanded;
      row.append(subtasks);
    }
    return row;
  }

  navSections(all, today) {
    const entry = (view) => ({ view, name: nameOf(view, this.projects), count: countIn(view, all, today) });
    const projects = [...this.projects.values()].filter((project) => !project.archived)
      .sort((a, b) => a.name.localeCompare(b.name));
    return [
      { entries: ["all", "inbox", "today", "upcoming"].map((kind) => entry({ kind })) },
      { title: "Projects", entries: projects.map((project) => entry({ kind: "project", id: project.id })) },
      { title: "Labels", entries: labelsOf(all).map((label) => entry({ kind: "label", label })) },
      { entries: [entry({ kind: "completed" }), entry({ kind: "trash" })] },
    ];
  }

  // The row already stands in its new place; the answer brings the position to keep.
  async move(id, place) {
    await this.call(`/tasks/${id}/move`, "POST", place);
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
    item.querySelector(":scope > .task-main").replaceWith(input);
    input.focus();
  }

  async add() {
    const text = this.quick.value.trim();
    if (!text) return;
    // Typed in a project's or a label's view, the task goes there unless the line says otherwise.
    const where = this.view.kind === "project" ? { project_id: this.view.id } : this.view.kind === "label" ? { label: this.view.label } : {};
    const task = await this.call("/tasks/quick", "POST", { text, ...where });
    if (task) this.quick.value = "";
  }

  async complete(task) {
    if (await this.call(`/tasks/${task.id}/complete`, "POST")) {
      toast(`Completed “${task.title}”.`, { action: "Undo", onAction: () => this.call(`/tasks/${task.id}/reopen`, "POST") });
    }
  }

  async remove(task) {
    if ((await this.call(`/tasks/${task.id}`, "DELETE")) !== undefined) {
      this.tasks.set(task.id, { ...this.tasks.get(task.id), deleted_at: new Date().toISOString() });
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
