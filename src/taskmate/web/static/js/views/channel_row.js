// One channel outside the app in a settings list: its label, when it was added, why it was
// turned off (if it was), and its buttons.
import { h } from "../dom.js";

export function channelRow(channel, { times, marker, buttons }) {
  const note = channel.disabled_at
    ? h("div", { class: "error small" },
      `Turned off ${times.format(new Date(channel.disabled_at))}: ${channel.disabled_reason}`)
    : null;
  return h("li", { class: "token channel", "data-id": channel.id },
    h("div", { class: "token-main" },
      h("code", {}, channel.label), marker ? h("span", { class: "chip" }, marker) : null,
      h("div", { class: "muted small" }, `Added ${times.format(new Date(channel.created_at))}`),
      note),
    h("div", { class: "row" }, buttons));
}
