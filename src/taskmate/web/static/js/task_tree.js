// Subtasks in the lists of the dashboard. In one list (a group of a view) a subtask stands
// under its parent when the parent is in the same list, and on its own otherwise; siblings
// keep the list's order. A parent's count ("2/3") covers all its subtasks the dashboard knows.

// The list as a forest: [{task, children: [...]}], the roots in the list's order.
export function treeOf(tasks) {
  const nodes = new Map(tasks.map((task) => [task.id, { task, children: [] }]));
  const roots = [];
  for (const task of tasks) {
    const parent = nodes.get(task.parent_id);
    (parent ? parent.children : roots).push(nodes.get(task.id));
  }
  return roots;
}

// Parent id -> {done, total} of its subtasks that are not in the trash.
export function subtaskCounts(tasks) {
  const counts = new Map();
  for (const task of tasks) {
    if (task.parent_id === null || task.deleted_at) continue;
    const count = counts.get(task.parent_id) ?? { done: 0, total: 0 };
    count.total += 1;
    if (task.completed_at) count.done += 1;
    counts.set(task.parent_id, count);
  }
  return counts;
}
