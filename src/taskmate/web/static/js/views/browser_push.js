// Settings → Notifications → This browser: Web Push. Enabling asks for the permission,
// registers the service worker (/sw.js), subscribes with the server's key and sends the
// subscription; the list shows every browser that gets reminders, with why one was turned
// off. A page that finds this browser subscribed sends its subscription again, which
// renews it on the server (and turns it back on).
import { api } from "../api.js";
import { h, replaceChildren } from "../dom.js";
import { registerServiceWorker } from "../service_worker.js";
import { showError, toast } from "../toast.js";
import { channelRow } from "./channel_row.js";

function keyBytes(base64url) {
  const text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

export class BrowserPush {
  constructor({ times }) {
    this.times = times;
    this.status = h("p", { class: "muted", "aria-live": "polite" });
    this.button = h("button", { type: "button", class: "primary", hidden: true,
      onclick: () => this.toggle() }, "Enable browser notifications");
    this.list = h("ul", { class: "token-list", hidden: true });
    this.current = null; // this browser's subscription id on the server
    this.element = h("div", { class: "browser-push" }, this.status,
      h("div", { class: "row" }, this.button), this.list);
  }

  async load() {
    if (!("serviceWorker" in navigator && "PushManager" in window && "Notification" in window)) {
      this.status.textContent = "This browser cannot show notifications from websites.";
      return;
    }
    try {
      this.key = (await api("/push/key")).public_key;
    } catch (failure) {
      if (failure.status !== 404) throw failure;
      this.status.textContent = failure.message;
      return;
    }
    this.registration = await registerServiceWorker();
    const subscription = await this.registration.pushManager.getSubscription();
    if (subscription && Notification.permission === "granted") await this.send(subscription);
    await this.refresh();
  }

  async send(subscription) {
    this.current = (await api("/push/subscriptions",
      { method: "POST", body: subscription.toJSON() })).id;
  }

  async subscribe() {
    const options = { userVisibleOnly: true, applicationServerKey: keyBytes(this.key) };
    try {
      return await this.registration.pushManager.subscribe(options);
    } catch {
      // Subscribed with another key (the server's keys changed): start again.
      await (await this.registration.pushManager.getSubscription())?.unsubscribe();
      return this.registration.pushManager.subscribe(options);
    }
  }

  async toggle() {
    this.button.disabled = true;
    try {
      if (this.current) {
        await (await this.registration.pushManager.getSubscription())?.unsubscribe();
        await api(`/push/subscriptions/${this.current}`, { method: "DELETE" });
        this.current = null;
        toast("This browser no longer gets reminders.");
      } else if (await Notification.requestPermission() === "granted") {
        await this.send(await this.subscribe());
        toast("Reminders will show on this device, even when Taskmate is closed.");
      }
      await this.refresh();
    } catch (failure) {
      showError(failure);
    } finally {
      this.button.disabled = false;
    }
  }

  async refresh() {
    const blocked = Notification.permission === "denied";
    this.status.textContent = blocked
      ? "This browser blocks notifications from Taskmate: allow them in the site's settings."
      : this.current ? "Reminders show on this device, even when Taskmate is closed."
        : "Reminders show only while Taskmate is open here.";
    this.button.hidden = blocked;
    this.button.textContent = this.current
      ? "Turn off browser notifications" : "Enable browser notifications";
    const { items } = await api("/push/subscriptions");
    this.list.hidden = !items.length;
    replaceChildren(this.list, items.map((channel) => channelRow(channel, {
      times: this.times,
      marker: channel.id === this.current ? "This browser" : null,
      buttons: [h("button", { type: "button", class: "danger", onclick: async () => {
        try {
          await api(`/push/subscriptions/${channel.id}`, { method: "DELETE" });
          if (channel.id === this.current) this.current = null;
          await this.refresh();
        } catch (failure) {
          showError(failure);
        }
      } }, "Remove")],
    })));
  }
}
