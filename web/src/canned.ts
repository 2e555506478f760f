import { api } from './api';
import type { Canned, Locale } from './types';

let cannedCache: Promise<Canned[]> | null = null;
/** Saved replies, fetched once per page load (and again after an admin edits them). */
export function loadCanned(force = false): Promise<Canned[]> {
  if (force || !cannedCache) {
    cannedCache = api.get<{ items: Canned[] }>('/canned-responses').then((r) => r.items);
    cannedCache.catch(() => {
      cannedCache = null;
    });
  }
  return cannedCache;
}

/** The text of a saved reply in the case's language (else English, else any), with its variables filled in. */
export function renderCanned(c: Canned, language: string, vars: Record<string, string>): string {
  const body = c.bodies[language as Locale] ?? c.bodies.en ?? Object.values(c.bodies).find(Boolean) ?? '';
  return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (m, name: string) => (name in vars ? vars[name] : m));
}

