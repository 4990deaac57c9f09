// The page the service worker shows when a page cannot load for want of a network: the
// messages the outbox still holds, and "Try again", which loads the page asked for (the
// address is still its own). Back online, it does so by itself, and keeps trying while the
// browser says it is online but the page still cannot load.
import { h, replaceChildren } from "./dom.js";
import { outboxEntries } from "./outbox_entries.js";

const entries = outboxEntries();
document.getElementById("queued-note").textContent = entries.length
  ? "These messages are kept in this browser and will be sent once you're back online."
  : "Nothing is waiting to be sent.";
replaceChildren(document.getElementById("queued"), entries.map((entry) => h("li", {},
  h("span", { class: "queued-text" }, entry.content),
  entry.status === "failed" ? h("span", { class: "error" }, ` Not sent: ${entry.error}`) : null)));

document.getElementById("try-again").addEventListener("click", () => location.reload());
addEventListener("online", () => location.reload());
// Shown although the browser says it is online: the network came back while this page was
// loading, or the server is unreachable. No "online" event will come: look again now and then.
const RETRY_MS = 2000;
if (navigator.onLine) setTimeout(() => location.reload(), RETRY_MS);
