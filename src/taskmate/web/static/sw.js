// The service worker, served at /sw.js so that its scope is the whole site. Each concern
// lives in a script of its own, loaded here: push notifications in sw_push.js, the offline
// page in sw_offline.js.
importScripts("/static/js/sw_push.js", "/static/js/sw_offline.js");

self.addEventListener("install", (event) => event.waitUntil(keepOfflinePage().then(() => self.skipWaiting())));
self.addEventListener("activate", (event) => event.waitUntil(Promise.all([
  self.clients.claim(), self.registration.navigationPreload?.enable(),
])));
