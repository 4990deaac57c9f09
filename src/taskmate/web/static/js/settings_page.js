// Settings: for now, the personal access tokens that scripts and assistants (MCP) use.
import { currentUser } from "./api.js";
import { connection } from "./connection.js";
import { wireSignOut } from "./session.js";
import { topBar } from "./views/status.js";
import { AccessTokens } from "./views/access_tokens.js";

const me = await currentUser();
const live = connection();
document.body.prepend(topBar({ me, live, current: "/settings" }));
wireSignOut();
const tokens = new AccessTokens({ me });
document.getElementById("main").append(tokens.element);
await tokens.load();
document.body.dataset.ready = "true";
