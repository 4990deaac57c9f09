// Edit and resend: a message opens in a box in its own bubble, and sending posts the new
// text as a new message (the protocol has no message edit: the original stays as it was).
// Enter sends, Shift+Enter adds a line, Escape or Cancel puts the message back.
import { codePoints, h } from "../dom.js";
import { MAX_CHARS } from "./composer.js";

export function editMessage(bubble, text, { onSend, onCancel }) {
  const input = h("textarea", {
    class: "message-editor-text", rows: "3", "aria-label": "Edit message",
    oninput: () => { send.disabled = !sendable(); },
    onkeydown: (event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        cancel();
      } else if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      }
    },
  });
  input.value = text;
  const send = h("button", { type: "submit", class: "primary" }, "Send");
  const form = h("form", { class: "message-editor", onsubmit: (event) => { event.preventDefault(); submit(); } },
    input,
    h("p", { class: "message-editor-hint" }, "Sends this as a new message."),
    h("div", { class: "row end" },
      h("button", { type: "button", class: "secondary", onclick: () => cancel() }, "Cancel"),
      send));

  function sendable() {
    return Boolean(input.value.trim()) && codePoints(input.value) <= MAX_CHARS;
  }

  function close() {
    form.remove();
    bubble.classList.remove("editing");
  }

  function cancel() {
    close();
    onCancel();
  }

  function submit() {
    if (!sendable()) return;
    const content = input.value;
    close();
    onSend(content);
  }

  bubble.classList.add("editing");
  bubble.append(form);
  input.focus();
  input.setSelectionRange(text.length, text.length);
}
