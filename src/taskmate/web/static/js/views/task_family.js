// What the lists need to know about subtasks beyond the open tasks the dashboard holds: the
// done subtasks of a parent (for its "2/3") and a parent that is not open (for "↳ parent").
// Each is read once per load of the list; the user's channel keeps them current after that.
import { api } from "../api.js";

export class TaskFamily {
  constructor() {
    this.asked = new Set();
  }

  forget() {
    this.asked.clear();
  }

  // The tasks read for `parents` (ids whose done subtasks are wanted) and `missing` (ids of
  // parents not known); [] when everything was asked for already. A failed read is left out.
  async read({ parents, missing }) {
    const paths = [
      ...parents.map((id) => `/tasks?parent_id=${id}&status=done&limit=200`),
      ...missing.map((id) => `/tasks/${id}`),
    ].filter((path) => !this.asked.has(path));
    for (const path of paths) this.asked.add(path);
    const answers = await Promise.allSettled(paths.map((path) => api(path)));
    return answers.filter((answer) => answer.status === "fulfilled")
      .flatMap(({ value }) => value.items ?? [value]);
  }
}
