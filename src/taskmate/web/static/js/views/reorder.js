// Ordering a list of tasks by hand: drag a task above or below another, or press Alt+ArrowUp /
// Alt+ArrowDown on a focused task. A list of subtasks inside a row is ordered on its own. The row moves at once; `move(id, place)` then tells the
// server, with `place` as {before_id} or {after_id} (the task it now stands next to).
const KEYS = "Alt+ArrowUp Alt+ArrowDown";
let dragged = null;

const idOf = (row) => Number(row.dataset.id);

export function reorderable(list, move) {
  for (const row of list.children) {
    row.draggable = true;
    if (!row.hasAttribute("tabindex")) row.tabIndex = 0;
    row.setAttribute("aria-keyshortcuts", KEYS);
  }
  const place = (row, neighbour, after) => {
    if (after) neighbour.after(row);
    else neighbour.before(row);
    move(idOf(row), after ? { after_id: idOf(neighbour) } : { before_id: idOf(neighbour) });
  };

  list.addEventListener("keydown", (event) => {
    const row = event.target;
    if (!event.altKey || row.parentElement !== list) return;
    const up = event.key === "ArrowUp";
    const neighbour = up ? row.previousElementSibling : event.key === "ArrowDown" ? row.nextElementSibling : null;
    if (!neighbour) return;
    event.preventDefault();
    place(row, neighbour, !up);
    row.focus();
  });

  list.addEventListener("dragstart", (event) => {
    dragged = event.target.closest?.("li.task");
    if (!dragged || dragged.parentElement !== list) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.id);
    dragged.classList.add("dragging");
  });
  list.addEventListener("dragend", () => {
    dragged?.classList.remove("dragging");
    dragged = null;
    clearMarks(list);
  });
  list.addEventListener("dragover", (event) => {
    const target = dropTarget(event, list);
    if (!target) return;
    event.preventDefault();
    clearMarks(list);
    target.row.classList.add(target.after ? "drop-after" : "drop-before");
  });
  list.addEventListener("dragleave", (event) => {
    if (!list.contains(event.relatedTarget)) clearMarks(list);
  });
  list.addEventListener("drop", (event) => {
    const target = dropTarget(event, list);
    clearMarks(list);
    if (!target) return;
    event.preventDefault();
    place(dragged, target.row, target.after);
  });
}

// The row of `list` under the pointer (over a subtask: the row it stands under), and whether
// the dragged one goes below it (the lower half).
function dropTarget(event, list) {
  if (!dragged || dragged.parentElement !== list) return null;
  let row = event.target.closest?.("li.task");
  while (row && row.parentElement !== list) row = row.parentElement.closest("li.task");
  if (!row || row === dragged) return null;
  const box = row.getBoundingClientRect();
  return { row, after: event.clientY > box.top + box.height / 2 };
}

function clearMarks(list) {
  for (const row of list.querySelectorAll(".drop-before, .drop-after")) row.classList.remove("drop-before", "drop-after");
}
