// Settings → Notifications: reminders outside the app, in this browser (browser_push.js)
// and through Apprise URLs (ntfy, Gotify, Telegram, email and many more): add one, send a
// test, remove. A URL holds secrets: the server shows it back only without them.
import { api } from "../api.js";
import { h, replaceChildren } from "../dom.js";
import { showError, toast } from "../toast.js";
import { BrowserPush } from "./browser_push.js";
import { channelRow } from "./channel_row.js";
import { confirmAction } from "./dialog.js";

export class Notifications {
  constructor({ me }) {
    this.times = new Intl.DateTimeFormat(undefined,
      { dateStyle: "medium", timeStyle: "short", timeZone: me.timezone, hour12: me.clock !== "24h" });
    this.browser = new BrowserPush({ times: this.times });
    this.list = h("ul", { class: "token-list", "aria-live": "polite" });
    this.element = h("section", { class: "settings-section", "aria-labelledby": "notify-title" },
      h("h2", { id: "notify-title" }, "Notifications"),
      h("p", { class: "muted" }, "Reminders pop up in Taskmate while it is open. To be reminded ",
        "elsewhere, turn on notifications in this browser, or add a service for your phone."),
      h("h3", {}, "This browser"), this.browser.element,
      h("h3", {}, "Apps and services"),
      h("p", { class: "muted" }, "Paste an ", h("a", {
        href: "https://github.com/caronc/apprise/wiki", target: "_blank", rel: "noopener",
      }, "Apprise URL"), ": for the ntfy app on your phone, ", h("code", {}, "ntfys://ntfy.sh/"),
      "and a topic only you know."),
      this.form(), this.list);
  }

  form() {
    const url = h("input", { name: "url", required: true, autocomplete: "off",
      spellcheck: "false", placeholder: "ntfys://ntfy.sh/your-secret-topic" });
    const error = h("p", { class: "error", role: "alert" });
    const form = h("form", { class: "token-form" },
      h("label", {}, "Apprise URL", url), error,
      h("div", { class: "row" }, h("button", { type: "submit", class: "primary" }, "Add")));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.textContent = "";
      try {
        await api("/notify/urls", { method: "POST", body: { url: url.value.trim() } });
        form.reset();
        await this.loadUrls();
      } catch (failure) {
        error.textContent = failure.details?.fields?.[0]?.message ?? failure.message;
      }
    });
    return form;
  }

  async load() {
    try {
      await Promise.all([this.browser.load(), this.loadUrls()]);
    } catch (failure) {
      showError(failure);
    }
  }

  async loadUrls() {
    const { items } = await api("/notify/urls");
    replaceChildren(this.list, items.length
      ? items.map((channel) => channelRow(channel, { times: this.times, buttons: [
        h("button", { type: "button", class: "secondary", onclick: () => this.test(channel) },
          "Send test"),
        h("button", { type: "button", class: "danger", onclick: () => this.remove(channel) },
          "Remove"),
      ] }))
      : h("li", { class: "muted empty" }, "No services yet."));
  }

  async test(channel) {
    try {
      const trial = await api(`/notify/urls/${channel.id}/test`, { method: "POST" });
      if (trial.delivered) toast("Test sent. It should arrive in a moment.");
      else toast(`The test did not go through: ${trial.reason}`, { kind: "error" });
      await this.loadUrls();
    } catch (failure) {
      showError(failure);
    }
  }

  async remove(channel) {
    const sure = await confirmAction({ text: `Stop sending reminders to ${channel.label}?`,
      action: "Remove" });
    if (!sure) return;
    try {
      await api(`/notify/urls/${channel.id}`, { method: "DELETE" });
      await this.loadUrls();
    } catch (failure) {
      showError(failure);
    }
  }
}
