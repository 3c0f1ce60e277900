/*
 * Descent's service worker (issue 17): the app works offline after the first visit.
 *
 * Generated at build time by scripts/vite-service-worker.ts, which fills in the list of built files
 * (PRECACHE, relative to this file, so the build works from any sub-path) and a version that changes
 * with them. Install caches every file; activate drops older versions and takes control at once.
 * Page loads go to the network first (a new deploy shows up on the next visit) and fall back to the
 * cached page, whatever the query (share links); everything else is served from the cache first.
 */
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `descent-${VERSION}`;
const SCOPE = self.registration.scope;
const PAGE = new URL('./index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((f) => new URL(f, SCOPE).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('descent-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() =>
        caches.match(PAGE, { cacheName: CACHE, ignoreVary: true }).then((hit) => hit || caches.match(PAGE, { ignoreVary: true })).then((hit) => hit || Response.error()),
      ),
    );
    return;
  }
  event.respondWith(
    // ignoreVary: the server may say `Vary: Origin`, and module scripts are requested with an
    // Origin header that the precache requests did not carry.
    caches.match(request, { ignoreSearch: true, ignoreVary: true }).then(
      (hit) =>
        hit ||
        fetch(request).then((response) => {
          if (response.ok && response.type === 'basic') {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        }),
    ),
  );
});
