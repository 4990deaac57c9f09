// The dashboard: tasks, live from the user's channel, with a task's detail and the chat widget.
import { currentUser } from "./api.js";
import { connection } from "./connection.js";
import { registerServiceWorker } from "./service_worker.js";
import { wireSignOut } from "./session.js";
import { TaskStore } from "./task_store.js";
import { TaskBoard } from "./views/tasks.js";
import { TaskDetail } from "./views/task_detail.js";
import { offerShortcuts } from "./views/shortcuts.js";
import { topBar } from "./views/status.js";
import { chatWidget } from "./views/widget.js";

const me = await currentUser();
const live = connection();
const tasks = new TaskStore();
const board = new TaskBoard({ me, open: (id) => detail.open(id) });
const detail = new TaskDetail({ me, tasks, projects: () => board.projects });
document.body.prepend(topBar({ me, live, current: "/" }));
wireSignOut();
document.getElementById("main").append(board.nav.element, board.element);
document.body.append(detail.element, chatWidget({ me }));

live.on("task", (frame) => tasks.receive(frame.task, frame.event));
tasks.addEventListener("change", ({ detail: { id, event } }) => {
  const task = tasks.get(id);
  if (task) board.taskChanged({ event, task });
});
live.on("activity", (frame) => detail.activityChanged(frame.activity));
live.on("project", (frame) => {
  board.projectChanged(frame);
  detail.render();
});
const catchUp = () => Promise.all([board.load(), detail.refresh()]); // events missed meanwhile
let seenReady = false;
live.on("ready", () => {
  if (seenReady) catchUp();
  seenReady = true;
});
live.on("polling", catchUp);
detail.followAddress();
await board.load();
detail.render(); // the projects to choose from
document.body.dataset.ready = "true";
offerShortcuts([
  [["Enter"], "Open the focused task's detail"],
  [["Alt", "↑"], "Move the focused task up (Inbox and projects)"],
  [["Alt", "↓"], "Move the focused task down (Inbox and projects)"],
  [["Escape"], "Close the task's detail or a dialog"],
  [["?"], "Show these shortcuts"],
]);
registerServiceWorker().catch(() => {}); // without it, pages offline show the browser's error
