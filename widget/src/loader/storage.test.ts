import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from './storage.js';

/** A localStorage that holds at most `capacity` characters, as a full or tiny quota does. */
function limitedStorage(capacity = Infinity): Storage {
  const data = new Map<string, string>();
  const used = () => [...data.values()].reduce((n, v) => n + v.length, 0);
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem(k, v) {
      if (used() - (data.get(k)?.length ?? 0) + v.length > capacity) throw new DOMException('quota', 'QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('createStore', () => {
  it('keeps values for the page when storage is forbidden, and says they do not persist', () => {
    vi.stubGlobal('window', {
      get localStorage(): Storage {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const store = createStore();
    expect(store.persistent()).toBe(false);
    expect(store.set('outbox', [{ clientMessageId: 'a' }])).toBe(false);
    expect(store.get('outbox')).toEqual([{ clientMessageId: 'a' }]);
    store.remove('outbox');
    expect(store.get('outbox')).toBeUndefined();
  });

  it('persists while storage takes the writes; a refused write keeps the newer value in memory and stops claiming persistence', () => {
    const storage = limitedStorage(40);
    vi.stubGlobal('window', { localStorage: storage });
    const store = createStore();
    expect(store.set('outbox', ['short'])).toBe(true);
    expect(store.persistent()).toBe(true);
    expect(storage.getItem('sapa:outbox')).toBe('["short"]');
    expect(store.set('outbox', ['a message far longer than the quota allows'])).toBe(false);
    expect(store.get('outbox')).toEqual(['a message far longer than the quota allows']);
    expect(store.persistent()).toBe(false);
    // Room again (the item was sent and removed from the queue): stored, and persistent again.
    expect(store.set('outbox', ['ok'])).toBe(true);
    expect(store.persistent()).toBe(true);
  });
});
