// @ts-check
// Offline use: registers the service worker (sw.js) once the page is ready, so that its caching
// never competes with the first load, and tells the student when a new version is ready.
// `document.body.dataset.offline` says where it stands: 'ready' once this version is cached.
import { t, setText } from './i18n.js';

/**
 * @param {object} deps
 * @param {(text: import('./i18n.js').Text, kind?: string) => HTMLElement} deps.notice shows a notice, returns it
 * @returns {Promise<ServiceWorkerRegistration | null>}
 */
export async function registerOffline({ notice }) {
  if (!('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.register(new URL('../sw.js', import.meta.url));
  const hadController = Boolean(navigator.serviceWorker.controller);
  /** @param {ServiceWorker} worker */
  const offerUpdate = (worker) => {
    const el = notice(() => t('offline.update'), 'info');
    el.dataset.update = 'true';
    const reload = document.createElement('button');
    setText(reload, () => t('offline.reload'));
    reload.onclick = () => {
      navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
      worker.postMessage('activate');
    };
    el.insertBefore(reload, el.lastChild);
  };
  /** @param {ServiceWorker} worker */
  const watch = (worker) => {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && hadController) offerUpdate(worker);
      if (worker.state === 'activated') document.body.dataset.offline = 'ready';
    });
  };
  if (registration.waiting && hadController) offerUpdate(registration.waiting);
  if (registration.installing) watch(registration.installing);
  registration.addEventListener('updatefound', () => { if (registration.installing) watch(registration.installing); });
  if (registration.active && !registration.installing && !registration.waiting) document.body.dataset.offline = 'ready';
  return registration;
}
