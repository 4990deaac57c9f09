// The service worker (/sw.js, scope: the whole site): reminders as system notifications, and
// the offline page shown when a page cannot load. Null where the browser has none.
export async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return null;
  return navigator.serviceWorker.register("/sw.js");
}
