// Settings → Account: change the password, sign out everywhere, download everything,
// delete the account (asking for the password).
import { api, signingOutNow } from "../api.js";
import { h } from "../dom.js";
import { todayIn } from "../dates.js";
import { showError, toast } from "../toast.js";
import { confirmAction, openDialog } from "./dialog.js";
import { field, fieldMessage } from "./fields.js";

const PASSWORD_WORDS = {
  current_password: "This is not your current password.",
  new_password: "Use 8 to 256 characters.",
  password: "This is not your password.",
};

function passwordInput(name, autocomplete) {
  return h("input", { type: "password", name, required: true, autocomplete });
}

export class Account {
  constructor({ me }) {
    this.me = me;
    this.element = h("section", { class: "settings-section", "aria-labelledby": "account-title" },
      h("h2", { id: "account-title" }, "Account"),
      h("h3", {}, "Password"), this.passwordForm(),
      h("h3", {}, "Sessions"),
      h("p", { class: "muted" }, "Signed in on a computer you no longer use? Sign out on every device, this one included."),
      h("div", { class: "row" }, h("button", { type: "button", onclick: () => this.signOutEverywhere() }, "Sign out everywhere")),
      h("h3", {}, "Your data"),
      h("p", { class: "muted" }, "A file with your tasks, lists, reminders, conversations and notifications."),
      h("div", { class: "row" }, h("button", { type: "button", onclick: (event) => this.download(event.target) }, "Download my data")),
      h("h3", {}, "Delete account"),
      h("p", { class: "muted" }, "Deletes your account and everything in it, for good."),
      h("div", { class: "row" }, h("button", { type: "button", class: "danger", onclick: () => this.deleteAccount() }, "Delete account…")));
  }

  passwordForm() {
    const current = field("Current password", passwordInput("current_password", "current-password"));
    const fresh = field("New password", passwordInput("new_password", "new-password"), "At least 8 characters.");
    const form = h("form", { class: "token-form" }, current.element, fresh.element,
      h("div", { class: "row" }, h("button", { type: "submit", class: "primary" }, "Change password")));
    const shown = { current_password: current, new_password: fresh };
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      Object.values(shown).forEach((each) => each.clear());
      const body = Object.fromEntries(new FormData(form));
      try {
        await api("/auth/password", { method: "POST", body });
        form.reset();
        toast("Password changed. Your other devices were signed out.");
      } catch (failure) {
        const named = failure.details?.fields?.map((each) => each.field).filter((name) => name in shown) ?? [];
        if (!named.length) return showError(failure);
        for (const name of named) shown[name].show(fieldMessage(failure, name, PASSWORD_WORDS));
      }
    });
    return form;
  }

  async signOutEverywhere() {
    const sure = await confirmAction({ text: "Sign out on every device, this one included?", action: "Sign out everywhere" });
    if (!sure) return;
    try {
      signingOutNow();
      await api("/auth/logout-everywhere", { method: "POST" });
      location.assign("/login");
    } catch (failure) {
      signingOutNow(false);
      showError(failure);
    }
  }

  async download(button) {
    button.disabled = true;
    try {
      const data = await api("/me/export");
      const file = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      const link = h("a", { href: URL.createObjectURL(file), download: `taskmate-export-${todayIn(this.me.timezone).date}.json` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      toast("Your data is downloading.");
    } catch (failure) {
      showError(failure);
    } finally {
      button.disabled = false;
    }
  }

  deleteAccount() {
    const password = passwordInput("password", "current-password");
    const shown = field("Your password", password);
    const form = h("form", {},
      h("p", {}, "Your tasks, lists, conversations and reminders will be deleted. This cannot be undone."),
      shown.element,
      h("div", { class: "row end" },
        h("button", { type: "button", onclick: () => dialog.close("cancel") }, "Cancel"),
        h("button", { type: "submit", class: "danger" }, "Delete my account")));
    const dialog = openDialog(form, () => {});
    dialog.setAttribute("aria-label", "Delete account");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      shown.clear();
      try {
        signingOutNow();
        await api("/me", { method: "DELETE", body: { password: password.value } });
        location.assign("/login");
      } catch (failure) {
        signingOutNow(false);
        if (failure.details?.fields?.length) shown.show(fieldMessage(failure, "password", PASSWORD_WORDS));
        else showError(failure);
      }
    });
    password.focus();
  }
}
