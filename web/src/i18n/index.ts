import { useSyncExternalStore } from 'react';
import { setApiLocale } from '../api';
import type { Locale } from '../types';
import type { MessageKey, Messages } from './en';

export type { MessageKey };
export type Vars = Record<string, string | number>;

// Each language is its own chunk: an agent downloads only the one they read.
const loaders: Record<Locale, () => Promise<Messages>> = {
  en: () => import('./en').then((m) => m.en),
  'id-ID': () => import('./id-ID').then((m) => m.idID),
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
};

let current: { locale: Locale; messages: Messages } | null = null;
const listeners = new Set<() => void>();
const STORAGE = 'sapa.console.locale';

export function toLocale(tag: string | null | undefined): Locale | null {
  const t = (tag ?? '').toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('id') || t.startsWith('in') || t.startsWith('ms')) return 'id-ID';
  if (t.startsWith('en')) return 'en';
  return null;
}

/** The language before anyone signs in: the last one used here, else the browser's. */
export function initialLocale(): Locale {
  const saved = toLocale(localStorage.getItem(STORAGE));
  if (saved) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const l = toLocale(tag);
    if (l) return l;
  }
  return 'en';
}

export async function loadLocale(locale: Locale): Promise<void> {
  if (current?.locale === locale) return;
  const messages = await loaders[locale]();
  current = { locale, messages };
  localStorage.setItem(STORAGE, locale);
  document.documentElement.lang = locale;
  document.title = messages['app.title'];
  setApiLocale(locale);
  listeners.forEach((fn) => fn());
}

export function currentLocale(): Locale {
  return current?.locale ?? 'en';
}

export function t(key: MessageKey, vars?: Vars): string {
  const template = current?.messages[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** For keys built from data (categories, statuses, history types): the fallback when the key is unknown. */
export function tKey(key: string, fallback: string, vars?: Vars): string {
  return current && key in current.messages ? t(key as MessageKey, vars) : fallback;
}

/** Re-renders the caller when the language changes; returns the active locale. */
export function useLocale(): Locale {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => current?.locale ?? 'en',
  );
}

export const languageNames: Record<Locale, string> = { en: 'English', 'id-ID': 'Bahasa Indonesia', 'zh-CN': '简体中文' };
