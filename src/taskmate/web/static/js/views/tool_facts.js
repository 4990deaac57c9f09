// What a tool card says: the call's mechanics in a few words, read from its result ("1 created",
// "2 changed: due, list", "12 found, 10 shown"). The assistant's reply says what happened in plain
// words, once; the result's `summary` is that sentence (the model reads it), so the card
// does not repeat it.

const TASK_FIELDS = { title: "title", due: "due", recurrence: "repeat", project_id: "list", priority: "priority" };
const LIST_FIELDS = { name: "name", color: "colour", archived: "archived" };

const FACTS = {
  find_tasks: ({ tasks, total }) => found(tasks.length, total),
  list_projects: ({ projects }) => counted(projects.length, "list"),
  add_tasks: (result) => withNewLists(`${result.tasks.length} created`, result),
  update_tasks: (result) => withNewLists(`${result.tasks.length} ${changes(result.previous, result.tasks, TASK_FIELDS)}`, result),
  complete_tasks: ({ tasks }) => `${tasks.length} done`,
  reopen_tasks: ({ tasks }) => `${tasks.length} reopened`,
  delete_tasks: ({ tasks }) => `${tasks.length} deleted`,
  add_project: () => "1 list created",
  update_project: ({ previous, projects }) => `list ${changes(previous, projects, LIST_FIELDS)}`,
  delete_project: () => "1 list deleted",
  undo: ({ undid }) => `${undid.replaceAll("_", " ")} reversed`,
};

export function toolFacts(item) {
  if (item.status === "running") return "Working…";
  const result = item.result ?? {};
  // A refused call changed nothing; the reply says why. One cut short has no result.
  if (item.status !== "succeeded") return result.error ? "nothing changed" : "";
  const facts = FACTS[item.name];
  return facts ? facts(result) : result.summary ?? "";
}

function found(shown, total) {
  if (total === 0) return "none found";
  return shown === total ? `${total} found` : `${total} found, ${shown} shown`;
}

function counted(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function withNewLists(facts, { created_project_ids: created = [] }) {
  return created.length ? `${facts}, ${counted(created.length, "new list")}` : facts;
}

// "changed: due, list" from the things as they were and as they are, pair by pair.
function changes(before, after, fields) {
  const differs = (key) => before.some((old, n) => JSON.stringify(old[key]) !== JSON.stringify(after[n][key]));
  const changed = Object.keys(fields).filter(differs).map((key) => fields[key]);
  return changed.length ? `changed: ${changed.join(", ")}` : "unchanged";
}
