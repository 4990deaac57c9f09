// The dashboard: tasks, live from the user's channel, with the chat widget.
import { currentUser } from "./api.js";
import { connection } from "./connection.js";
import { wireSignOut } from "./session.js";
import { TaskBoard } from "./views/tasks.js";
import { topBar } from "./views/status.js";
import { chatWidget } from "./views/widget.js";

const me = await currentUser();
const live = connection();
const board = new TaskBoard({ me });
document.body.prepend(topBar({ me, live, current: "/" }));
wireSignOut();
document.getElementById("main").append(board.nav.element, board.element);
document.body.append(chatWidget({ me }));

live.on("task", (frame) => board.taskChanged(frame));
live.on("project", (frame) => board.projectChanged(frame));
let seenReady = false;
live.on("ready", () => {
  if (seenReady) board.load(); // events missed while disconnected
  seenReady = true;
});
live.on("polling", () => board.load());
await board.load();
document.body.dataset.ready = "true";
