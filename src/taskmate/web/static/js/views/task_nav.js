// The dashboard's navigation between views of tasks, each with its count. Links are real
// addresses, so they open in a new tab too; a plain click goes through `go(view)`.
import { h, plainClick, replaceChildren } from "../dom.js";
import { addressOf } from "../task_views.js";

export class TaskNav {
  constructor({ go }) {
    this.go = go;
    // On phones the views are one row that scrolls sideways; a link half in view comes in whole.
    this.element = h("nav", {
      class: "task-nav", "aria-label": "Task views",
      onfocusin: (event) => event.target.scrollIntoView({ block: "nearest", inline: "nearest" }),
    });
  }

  // `sections`: [{title?, entries: [{view, name, count}]}]; `current`: the view shown.
  render(sections, current) {
    const focused = this.element.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
    const here = addressOf(current);
    replaceChildren(this.element, sections.filter((section) => section.entries.length).map(({ title, entries }) =>
      h("section", { class: "nav-section", "aria-label": title ?? null },
        title ? h("h2", {}, title) : null,
        h("ul", {}, entries.map((entry) => h("li", {}, this.link(entry, here)))))));
    if (focused) this.element.querySelector(`a[href="${CSS.escape(focused)}"]`)?.focus();
  }

  link({ view, name, count }, here) {
    const href = addressOf(view);
    return h("a", {
      href, "aria-current": href === here ? "page" : null,
      onclick: (event) => {
        if (!plainClick(event)) return;
        event.preventDefault();
        this.go(view);
      },
    }, h("span", { class: "nav-name" }, name), count ? h("span", { class: "count" }, String(count)) : null);
  }
}
