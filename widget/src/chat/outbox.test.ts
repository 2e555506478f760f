import { describe, expect, it } from 'vitest';
import type { Store } from '../types.js';
import { jwtSub } from './conversation.js';
import { newId, Outbox, type OutboxItem } from './outbox.js';

function memoryStore(): Store {
  const data = new Map<string, string>();
  return {
    get: <T>(k: string) => (data.has(k) ? (JSON.parse(data.get(k)!) as T) : undefined),
    set: (k, v) => (data.set(k, JSON.stringify(v)), true),
    remove: (k) => void data.delete(k),
  };
}

const item = (id: string, conversation = 'new:c1'): OutboxItem => ({
  clientMessageId: id,
  body: `body ${id}`,
  attachments: [],
  conversation,
  viaAssistant: false,
  state: 'waiting',
  createdAt: new Date().toISOString(),
});

describe('Outbox', () => {
  it('keeps order, ignores a duplicate clientMessageId and survives a new instance (a reload)', () => {
    const store = memoryStore();
    const box = new Outbox(store);
    box.add(item('a'));
    box.add(item('b'));
    box.add(item('a'));
    box.add(item('c'));
    expect(new Outbox(store).all().map((i) => i.clientMessageId)).toEqual(['a', 'b', 'c']);
    expect(box.next()?.clientMessageId).toBe('a');
  });

  it('skips failed messages until retried, then sends them after the rest', () => {
    const box = new Outbox(memoryStore());
    box.add(item('a'));
    box.add(item('b'));
    box.update('a', { state: 'failed', error: 'too long' });
    expect(box.next()?.clientMessageId).toBe('b');
    box.remove('b');
    expect(box.next()).toBeUndefined();
    box.add(item('c'));
    box.retry('a');
    expect(box.all().map((i) => [i.clientMessageId, i.state])).toEqual([
      ['c', 'waiting'],
      ['a', 'waiting'],
    ]);
  });

  it('moves a draft conversation to its case once created', () => {
    const box = new Outbox(memoryStore());
    box.add(item('a', 'new:x'));
    box.add(item('b', 'new:x'));
    box.add(item('c', 'case-2'));
    box.reassign('new:x', 'case-1');
    expect(box.all().map((i) => i.conversation)).toEqual(['case-1', 'case-1', 'case-2']);
  });

  it('removes the storage key when empty', () => {
    const store = memoryStore();
    const box = new Outbox(store);
    box.add(item('a'));
    box.remove('a');
    expect(store.get('outbox')).toBeUndefined();
  });
});

describe('ids and tokens', () => {
  it('makes unique, time-ordered ids', () => {
    const ids = Array.from({ length: 200 }, () => newId('m'));
    expect(new Set(ids).size).toBe(200);
    expect(ids[0]).toMatch(/^m[0-9a-z]+$/);
  });
  it('reads the sub of a JWT without verifying it, and survives garbage', () => {
    const payload = btoa(JSON.stringify({ sub: 'wallet-42', exp: 1 })).replace(/=+$/, '');
    expect(jwtSub(`eyJhbGciOiJIUzI1NiJ9.${payload}.sig`)).toBe('wallet-42');
    expect(jwtSub('not a token')).toBeNull();
  });
});
