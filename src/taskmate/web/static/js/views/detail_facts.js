// When the task was created and completed, and its reminders, in the user's words.
import { instantWords } from "../dates.js";
import { h, replaceChildren } from "../dom.js";

// 90 -> "1 hour 30 minutes"
function duration(minutes) {
  let left = minutes;
  return [[1440, "day"], [60, "hour"], [1, "minute"]].flatMap(([size, unit]) => {
    const count = Math.floor(left / size);
    left %= size;
    return count ? [`${count} ${unit}${count === 1 ? "" : "s"}`] : [];
  }).join(" ");
}

function reminderWords(reminder, me) {
  const when = reminder.kind === "absolute" ? instantWords(reminder.at, me)
    : reminder.before_minutes ? `${duration(reminder.before_minutes)} before it is due` : "When it is due";
  return reminder.next_fire_at ? `${when} (next: ${instantWords(reminder.next_fire_at, me)})` : when;
}

export function factsField({ me }) {
  const facts = h("ul", { class: "detail-facts small muted" });
  return {
    element: facts,
    update(task) {
      replaceChildren(facts,
        h("li", {}, `Created ${instantWords(task.created_at, me)}`),
        task.completed_at ? h("li", {}, `Completed ${instantWords(task.completed_at, me)}`) : null,
        task.reminders.length ? h("li", {}, "Reminders",
          h("ul", {}, task.reminders.map((reminder) => h("li", {}, reminderWords(reminder, me))))) : null);
    },
  };
}
