// One element per conversation item: message bubbles by role, thinking steps, tool-call
// cards (the call's mechanics, see tool_facts.js) with Undo, and choice buttons. A finished
// answer has a row of actions: Copy (its Markdown source), and the view adds Retry to the
// last one; the person's own messages have an empty row, where the view puts Edit on their
// last one. Completed
// messages show the server's sanitized HTML; streaming ones show plain text, and an answer
// with no text yet shows only a small "thinking" mark (hidden by the stylesheet once a step,
// tool call or choice of that answer shows above it).
import { h } from "../dom.js";
import { showError, toast } from "../toast.js";
import { toolFacts } from "./tool_facts.js";

const ENDINGS = {
  stopped: "Stopped",
  interrupted: "Interrupted: the answer could not finish. Retry asks again.",
  failed: "This answer could not be finished.",
};

export function colourOf(userId) {
  let hash = 0;
  for (const char of userId ?? "") hash = (hash * 31 + char.charCodeAt(0)) % 8;
  return `who-${hash}`;
}

export function renderItem(item, context) {
  switch (item.type) {
    case "message": return message(item, context);
    case "step": return step(item);
    case "tool_call": return toolCall(item, context);
    case "choice": return choice(item, context);
    default: return h("div", { hidden: true });
  }
}

function message(item, { me }) {
  if (item.role === "assistant" && item.status === "streaming" && !item.content) return thinking(item);
  const mine = item.role === "user" && item.author?.user_id === me.id;
  const who = item.role === "assistant" ? "Assistant" : mine ? "You" : item.author?.name || "Someone";
  const body = h("div", { class: "body" });
  fillBody(body, item);
  const classes = ["bubble", `role-${item.role}`, mine ? "mine" : colourOf(item.author?.user_id)];
  return h("article", {
    class: classes.join(" "),
    "data-id": item.id,
    "data-status": item.status,
    "aria-busy": item.status === "streaming" ? "true" : "false",
    "aria-label": `${who} said`,
  },
  mine ? null : h("div", { class: "author" }, who),
  body,
  ENDINGS[item.status] ? h("div", { class: "ending" }, ENDINGS[item.status]) : null,
  mine ? h("div", { class: "delivery", "aria-label": "Sent" }, "Sent") : null,
  mine ? h("div", { class: "message-actions" }) : null,
  item.role === "assistant" && item.status !== "streaming" ? answerActions(item) : null);
}

function answerActions(item) {
  return h("div", { class: "message-actions" },
    h("button", {
      type: "button", class: "link", "aria-label": "Copy answer", onclick: () => copy(item.content ?? ""),
    }, "Copy"));
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    toast("Copied.", { seconds: 2 });
  } catch {
    showError(new Error("Could not copy: the browser did not allow it."));
  }
}

function thinking(item) {
  return h("div", {
    class: "thinking role-assistant", "data-id": item.id, "data-status": item.status, role: "status",
  }, "Thinking…");
}

export function fillBody(body, item) {
  if (item.html) {
    body.innerHTML = item.html; // sanitized by the server: raw HTML escaped, safe links only
  } else {
    body.textContent = item.content ?? "";
    body.classList.add("plain");
  }
}

function step(item) {
  const marks = { running: "…", done: "✓", failed: "✗" };
  return h("details", { class: `step step-${item.status}`, "data-id": item.id },
    h("summary", {}, h("span", { class: "mark", "aria-hidden": "true" }, marks[item.status] ?? ""),
      ` ${item.label}`),
    h("p", {}, item.status === "running" ? "Working on it" : item.status === "done" ? "Done" : "Did not work"));
}

function toolCall(item, { act }) {
  const undoable = item.undo_until && !item.undone_at && new Date(item.undo_until) > new Date();
  const statusText = item.undone_at ? "Undone" : { running: "Running", succeeded: "Done", failed: "Failed" }[item.status];
  return h("section", { class: `tool-card tool-${item.status}`, "data-id": item.id, "aria-label": `Tool ${item.name}` },
    h("header", {},
      h("span", { class: "tool-name" }, humanName(item.name)),
      h("span", { class: "tool-status" }, statusText),
      item.duration_ms != null ? h("span", { class: "tool-duration" }, `${item.duration_ms} ms`) : null),
    h("p", { class: "tool-facts" }, toolFacts(item)),
    undoable ? h("button", { type: "button", class: "secondary", onclick: () => act("undo", item) }, "Undo") : null);
}

function humanName(name) {
  return (name ?? "").replaceAll("_", " ").replace(/^\w/, (first) => first.toUpperCase());
}

function choice(item, { me, act }) {
  const open = item.status === "pending" && item.for_user_id === me.id;
  const chosen = item.options.find((option) => option.id === item.chosen);
  return h("section", { class: "choice", "data-id": item.id, role: "group", "aria-label": item.text },
    h("p", {}, item.text),
    h("div", { class: "choice-options" }, item.options.map((option) => h("button", {
      type: "button",
      class: `choice-${option.style}${option.id === item.chosen ? " chosen" : ""}`,
      disabled: !open,
      onclick: () => act("choose", item, option.id),
    }, option.label))),
    chosen ? h("p", { class: "choice-result" }, `Chosen: ${chosen.label}`) : null,
    item.status === "expired" ? h("p", { class: "choice-result" }, "This question expired.") : null);
}

export function pendingBubble(entry, { retry, discard }) {
  const failed = entry.status === "failed";
  return h("article", { class: "bubble role-user mine pending", "data-client-id": entry.client_id, "data-status": entry.status },
    h("div", { class: "body plain" }, entry.content),
    h("div", { class: "delivery" }, failed ? `Not sent: ${entry.error}` : "Sending…"),
    failed ? h("div", { class: "row" },
      h("button", { type: "button", class: "secondary", onclick: () => retry(entry) }, "Retry"),
      h("button", { type: "button", class: "link", onclick: () => discard(entry) }, "Discard")) : null);
}
