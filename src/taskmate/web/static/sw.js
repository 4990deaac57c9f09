// The service worker, served at /sw.js so that its scope is the whole site. Each concern
// lives in a script of its own, loaded here: push notifications in sw_push.js.
importScripts("/static/js/sw_push.js");

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
