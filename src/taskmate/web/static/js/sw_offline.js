// The offline page (a classic script the service worker imports). At install the page and
// the files it needs go into a cache; a page that cannot load because the network is down
// gets that page instead of the browser's error, under its own address, so "Try again" loads
// it. Its files are served from the network while there is one (and the copies refreshed),
// from the cache when not; nothing else is touched.
const OFFLINE_CACHE = "taskmate-offline";
const OFFLINE_PAGE = "/offline";
// Responses vary by Origin (CORS), which a page's module requests carry and the install's
// requests do not: the copies are matched by address alone.
const MATCH = { ignoreVary: true };
const OFFLINE_FILES = [
  OFFLINE_PAGE,
  "/static/css/app.css",
  "/static/favicon.svg",
  "/static/js/theme_boot.js",
  "/static/js/offline_page.js",
  "/static/js/dom.js",
  "/static/js/outbox_entries.js",
];

async function keepOfflinePage() {
  const cache = await caches.open(OFFLINE_CACHE);
  await cache.addAll(OFFLINE_FILES);
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.mode === "navigate") {
    event.respondWith(pageOrOffline(event));
  } else if (request.method === "GET" && OFFLINE_FILES.includes(new URL(request.url).pathname)) {
    event.respondWith(freshOrKept(request));
  }
});

async function pageOrOffline(event) {
  try {
    return (await event.preloadResponse) ?? await fetch(event.request);
  } catch {
    return (await caches.match(OFFLINE_PAGE, MATCH)) ?? Response.error();
  }
}

async function freshOrKept(request) {
  const cache = await caches.open(OFFLINE_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch {
    return (await cache.match(request, MATCH)) ?? Response.error();
  }
}
