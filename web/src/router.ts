import { useSyncExternalStore } from 'react';

// A router of a few lines: the console has a handful of screens, all under /agent.
export const BASE = '/agent';
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((fn) => fn());
window.addEventListener('popstate', notify);

const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};
const snapshot = () => location.pathname.replace(/^\/agent\/?/, '/').replace(/\/+$/, '') || '/';

/** The path inside the console: "/", "/cases/abc", "/overview", "/admin/agents". */
export function usePath(): string {
  return useSyncExternalStore(subscribe, snapshot);
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = BASE + (path === '/' ? '' : path);
  if (url === location.pathname) return;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  notify();
}

export const href = (path: string) => BASE + (path === '/' ? '' : path);

export function caseIdOf(path: string): string | null {
  const m = /^\/cases\/([^/]+)$/.exec(path);
  return m ? decodeURIComponent(m[1]) : null;
}
