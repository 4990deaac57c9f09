// Settings → Access tokens: create one (name, scopes, expiry), see its secret once with a
// copy button, list them with when they were last used, revoke.
import { api } from "../api.js";
import { h, replaceChildren } from "../dom.js";
import { showError, toast } from "../toast.js";
import { confirmAction } from "./dialog.js";

const SCOPES = [
  ["tasks:read", "Read tasks and lists"],
  ["tasks:write", "Change tasks and lists (includes reading)"],
  ["chat", "Conversations and the assistant (which can change tasks)"],
];
const EXPIRIES = [["30", "30 days"], ["90", "90 days"], ["365", "1 year"], ["", "Never"]];

export class AccessTokens {
  constructor({ me }) {
    this.dates = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: me.timezone });
    this.times = new Intl.DateTimeFormat(undefined,
      { dateStyle: "medium", timeStyle: "short", timeZone: me.timezone, hour12: me.clock !== "24h" });
    this.list = h("ul", { class: "token-list", "aria-live": "polite" });
    this.secret = h("div", { class: "token-secret", hidden: true });
    this.element = h("section", { class: "settings-section", "aria-labelledby": "tokens-title" },
      h("h2", { id: "tokens-title" }, "Access tokens"),
      h("p", { class: "muted" },
        "Let scripts and AI assistants (such as Claude Desktop or Cursor, through MCP) use ",
        "Taskmate as you, within the permissions you choose. Keep tokens secret; revoke one ",
        "you no longer use."),
      this.form(), this.secret, h("h3", {}, "Your tokens"), this.list);
  }

  form() {
    const name = h("input", { name: "name", required: true, maxlength: 100, autocomplete: "off",
      placeholder: "e.g. Claude Desktop" });
    const boxes = SCOPES.map(([scope, label]) => h("label", { class: "check" },
      h("input", { type: "checkbox", name: "scopes", value: scope,
        checked: scope !== "chat" }), h("span", {}, h("code", {}, scope), " ", label)));
    const expiry = h("select", { name: "expiry" },
      EXPIRIES.map(([days, label]) => h("option", { value: days, selected: days === "90" }, label)));
    const error = h("p", { class: "error", role: "alert" });
    const form = h("form", { class: "token-form" },
      h("label", {}, "Name", name),
      h("fieldset", {}, h("legend", {}, "Permissions"), boxes),
      h("label", {}, "Expires", expiry),
      error,
      h("div", { class: "row" }, h("button", { type: "submit", class: "primary" }, "Create token")));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const scopes = boxes.map((box) => box.querySelector("input"))
        .filter((input) => input.checked).map((input) => input.value);
      error.textContent = scopes.length ? "" : "Choose at least one permission.";
      if (!scopes.length) return;
      const body = { name: name.value.trim(), scopes };
      if (expiry.value) body.expires_in_days = Number(expiry.value);
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        const created = await api("/tokens", { method: "POST", body });
        this.showSecret(created);
        form.reset();
        await this.load();
      } catch (failure) {
        error.textContent = failure.message;
      } finally {
        button.disabled = false;
      }
    });
    return form;
  }

  showSecret(created) {
    const value = h("input", { class: "secret-value", readonly: true, value: created.token,
      "aria-label": `The token “${created.name}”`, onfocus: (e) => e.target.select() });
    const copy = h("button", { type: "button", class: "primary", onclick: async () => {
      try {
        await navigator.clipboard.writeText(created.token);
        copy.textContent = "Copied";
      } catch {
        value.select();
        toast("Press Ctrl+C (⌘C on a Mac) to copy the selected token.");
      }
    } }, "Copy");
    replaceChildren(this.secret,
      h("p", {}, h("strong", {}, `“${created.name}” is ready. `),
        "Copy it now: you won't be able to see it again."),
      h("div", { class: "row" }, value, copy),
      h("button", { type: "button", class: "link", onclick: () => { this.secret.hidden = true; } },
        "Done"));
    this.secret.hidden = false;
    value.focus();
  }

  async load() {
    try {
      const { items } = await api("/tokens");
      replaceChildren(this.list, items.length
        ? items.map((token) => this.row(token))
        : h("li", { class: "muted empty" }, "No tokens yet."));
    } catch (failure) {
      showError(failure);
    }
  }

  row(token) {
    const expired = token.expires_at && new Date(token.expires_at) <= new Date();
    const expiry = token.expires_at
      ? `${expired ? "Expired" : "Expires"} ${this.dates.format(new Date(token.expires_at))}`
      : "Never expires";
    const used = token.last_used_at
      ? `Last used ${this.times.format(new Date(token.last_used_at))}` : "Never used";
    const revoke = h("button", { type: "button", class: "danger", onclick: async () => {
      const sure = await confirmAction({ text: `Revoke “${token.name}”? Anything using it ` +
        "stops working at once.", action: "Revoke" });
      if (!sure) return;
      try {
        await api(`/tokens/${token.id}`, { method: "DELETE" });
        toast(`“${token.name}” was revoked.`);
        await this.load();
      } catch (failure) {
        showError(failure);
      }
    } }, "Revoke");
    return h("li", { class: "token", "data-id": token.id },
      h("div", { class: "token-main" },
        h("strong", {}, token.name), " ", h("code", { class: "muted" }, token.hint),
        h("div", { class: "chips" }, token.scopes.map((scope) => h("span", { class: "chip" }, scope))),
        h("div", { class: "muted small" },
          `Created ${this.dates.format(new Date(token.created_at))} · ${used} · `,
          h("span", { class: expired ? "error" : null }, expiry))),
      revoke);
  }
}
