// Signing out; the top bar's button calls it.
import { api, signingOutNow } from "./api.js";

export function wireSignOut() {
  document.getElementById("sign-out")?.addEventListener("click", async () => {
    signingOutNow();
    await api("/auth/logout", { method: "POST", signedOut: () => {} }).catch(() => {});
    location.assign("/login");
  });
}
