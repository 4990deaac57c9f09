// Settings: profile and display, account, access tokens, notifications.
import { currentUser } from "./api.js";
import { connection } from "./connection.js";
import { wireSignOut } from "./session.js";
import { topBar } from "./views/status.js";
import { Account } from "./views/account.js";
import { AccessTokens } from "./views/access_tokens.js";
import { Notifications } from "./views/notifications.js";
import { Preferences } from "./views/preferences.js";

const me = await currentUser();
const live = connection();
document.body.prepend(topBar({ me, live, current: "/settings" }));
wireSignOut();
const main = document.getElementById("main");
const preferences = new Preferences({ me });
const account = new Account({ me });
const tokens = new AccessTokens({ me });
const notifications = new Notifications({ me });
main.append(preferences.element, account.element, tokens.element, notifications.element);
await Promise.all([tokens.load(), notifications.load()]);
document.body.dataset.ready = "true";
