import type { Store } from '../types.js';

/**
 * localStorage under a `sapa:` prefix, JSON-encoded. Storage can be missing, full or forbidden (private modes,
 * blocked third-party storage in web views): then values live in memory for this page only, and nothing throws.
 */
export function createStore(prefix = 'sapa:'): Store & { persistent(): boolean } {
  const memory = new Map<string, string>();
  let storage: Storage | undefined;
  try {
    storage = window.localStorage;
    const probe = `${prefix}probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
  } catch {
    storage = undefined;
  }
  // Keys whose last write storage refused (quota): memory holds the newer value.
  const memoryOnly = new Set<string>();
  const read = (key: string): string | null => {
    try {
      return storage && !memoryOnly.has(key) ? storage.getItem(prefix + key) : (memory.get(key) ?? null);
    } catch {
      return memory.get(key) ?? null;
    }
  };
  return {
    // A refused write (quota) leaves that value in memory only: it too is gone after a reload.
    persistent: () => storage !== undefined && memoryOnly.size === 0,
    get<T>(key: string): T | undefined {
      const raw = read(key);
      if (raw == null) return undefined;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return undefined;
      }
    },
    set(key: string, value: unknown): boolean {
      const raw = JSON.stringify(value);
      memory.set(key, raw);
      try {
        storage?.setItem(prefix + key, raw);
        memoryOnly.delete(key);
        return storage !== undefined;
      } catch {
        memoryOnly.add(key);
        return false;
      }
    },
    remove(key: string) {
      memory.delete(key);
      try {
        storage?.removeItem(prefix + key);
      } catch {
        // Nothing to do: the value is gone from memory, and storage that refuses writes holds nothing new.
      }
    },
  };
}
