// Settings → Profile and display: name, time zone (the browser's offered), clock, date
// format, first day of the week, theme. Each field saves on its own change, with a toast.
import { api } from "../api.js";
import { h } from "../dom.js";
import { applyTheme } from "../theme.js";
import { toast } from "../toast.js";
import { field, fieldMessage } from "./fields.js";

const CHOICES = {
  clock: { label: "Clock", options: [["12h", "12-hour (5 PM)"], ["24h", "24-hour (17:00)"]] },
  date_format: { label: "Date format", options: [["mdy", "Sun, Dec 20"], ["dmy", "Sun, 20 Dec"], ["ymd", "Sun, 2026-12-20"]] },
  week_start: { label: "First day of the week", options: [["monday", "Monday"], ["sunday", "Sunday"], ["saturday", "Saturday"]] },
  theme: { label: "Theme", options: [["system", "Same as the system"], ["light", "Light"], ["dark", "Dark"]] },
};

function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export class Preferences {
  // `onChanged(me)` runs after a saved change, with `me` updated in place.
  constructor({ me, onChanged = () => {} }) {
    this.me = me;
    this.onChanged = onChanged;
    this.element = h("section", { class: "settings-section", "aria-labelledby": "profile-title" },
      h("h2", { id: "profile-title" }, "Profile and display"),
      this.nameField(), this.zoneField(),
      Object.entries(CHOICES).map(([name, choice]) => this.choiceField(name, choice)));
  }

  async save(name, value, shown, saved) {
    shown.clear();
    try {
      Object.assign(this.me, await api("/me", { method: "PATCH", body: { [name]: value } }));
      toast(saved);
      this.onChanged(this.me);
      return true;
    } catch (failure) {
      shown.show(fieldMessage(failure, name, { timezone: "We don't know this time zone; pick one from the list." }));
      return false;
    }
  }

  nameField() {
    const input = h("input", { name: "name", value: this.me.name, maxlength: 100, autocomplete: "name" });
    const shown = field("Name", input);
    input.addEventListener("change", () => this.save("name", input.value.trim(), shown, "Name saved."));
    return shown.element;
  }

  zoneField() {
    const detected = browserZone();
    const zones = new Set([...Intl.supportedValuesOf("timeZone"), "UTC", this.me.timezone, detected]);
    const select = h("select", { name: "timezone" }, [...zones].sort().map((zone) =>
      h("option", { value: zone, selected: zone === this.me.timezone }, zone.replaceAll("_", " "))));
    const useDetected = h("button", { type: "button", class: "link" }, `Use ${detected.replaceAll("_", " ")}`);
    const hint = h("span", {}, `This browser is in ${detected.replaceAll("_", " ")}. `, useDetected);
    const shown = field("Time zone", select, hint);
    const showHint = () => { hint.hidden = this.me.timezone === detected; };
    const choose = async (zone) => {
      select.value = zone;
      if (await this.save("timezone", zone, shown, `Time zone set to ${zone.replaceAll("_", " ")}.`)) showHint();
    };
    select.addEventListener("change", () => choose(select.value));
    useDetected.addEventListener("click", () => choose(detected));
    showHint();
    return shown.element;
  }

  choiceField(name, { label, options }) {
    const select = h("select", { name }, options.map(([value, words]) =>
      h("option", { value, selected: value === this.me[name] }, words)));
    const shown = field(label, select);
    select.addEventListener("change", async () => {
      const words = options.find(([value]) => value === select.value)[1];
      if (await this.save(name, select.value, shown, `${label}: ${words}.`) && name === "theme") {
        applyTheme(select.value);
      }
    });
    return shown.element;
  }
}
