import { useEffect, useRef } from 'react';

// Single-key shortcuts (Gmail/Linear style). Screens register what an action means while they are shown.
export type Action = 'next' | 'prev' | 'select' | 'clearSelection' | 'reply' | 'note' | 'resolve' | 'assignMe' | 'canned' | 'help' | 'search';
export const keyOf: Record<Action, string> = { next: 'j', prev: 'k', select: 'x', clearSelection: 'Escape', reply: 'r', note: 'n', resolve: 'e', assignMe: 'a', canned: '/', help: '?', search: 's' };
const byKey = new Map(Object.entries(keyOf).map(([action, key]) => [key, action as Action]));
const handlers = new Map<Action, () => void>();

function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  // A ticked row's checkbox keeps the focus: j/k/x must still work from it.
  if (tag === 'INPUT' && (el as HTMLInputElement).type === 'checkbox') return false;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typingInField(e.target)) return;
    // A modal dialog is open: its own keys only.
    if (document.querySelector('dialog[open]')) return;
    const action = byKey.get(e.key);
    const fn = action && handlers.get(action);
    if (!fn) return;
    e.preventDefault();
    fn();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

/** Binds an action to a handler while the calling component is mounted; the latest handler always runs. */
export function useShortcut(action: Action, fn: (() => void) | null): void {
  const ref = useRef(fn);
  ref.current = fn;
  const enabled = fn !== null;
  useEffect(() => {
    if (!enabled) return;
    const run = () => ref.current?.();
    handlers.set(action, run);
    return () => {
      if (handlers.get(action) === run) handlers.delete(action);
    };
  }, [action, enabled]);
}
