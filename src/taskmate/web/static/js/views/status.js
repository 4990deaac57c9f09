// The top bar, and the connection status in it in plain words.
import { h } from "../dom.js";
import { Bell } from "./bell.js";
import { watchReminders } from "./reminder_alerts.js";

const WORDS = {
  connecting: "Connecting…",
  online: "Connected",
  reconnecting: "Reconnecting…",
  offline: "Offline: messages will be sent when you're back",
};

export function statusBadge(live) {
  const element = h("span", { class: "status", role: "status", "aria-live": "polite" });
  const show = () => {
    element.dataset.status = live.status;
    const fallback = live.status === "online" && live.transport !== "ws" ? " (fallback)" : "";
    element.textContent = WORDS[live.status] + fallback;
  };
  live.addEventListener("status", show);
  show();
  return element;
}

// The top bar every signed-in page shares, with the reminders' bell; reminders that fire
// while the page is open are announced from here too. Its height, which changes with the
// window, is kept in the CSS variable --topbar-height for panels that open below it.
export function topBar({ me, live, menu = null, current }) {
  const link = (href, label) => h("a", { href, "aria-current": current === href ? "page" : null }, label);
  watchReminders({ me, live });
  const header = h("header", { class: "topbar" }, menu,
    h("a", { href: "/", class: "brand" }, "Taskmate"),
    h("nav", { class: "pages", "aria-label": "Pages" }, link("/", "Tasks"), link("/chat", "Chat"),
      link("/settings", "Settings")),
    statusBadge(live),
    new Bell({ me, live }).element,
    h("span", { class: "who" }, me.name || me.email),
    h("button", { type: "button", class: "link", id: "sign-out" }, "Sign out"));
  new ResizeObserver(() => {
    document.documentElement.style.setProperty("--topbar-height", `${header.offsetHeight}px`);
  }).observe(header);
  return header;
}
