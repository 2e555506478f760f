import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CaseSequencer } from './sequencer.js';

interface M {
  seq: number;
  internal: boolean;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A case's messages in a "database" the test controls, and a sequencer reading from it. */
function harness(total: number, options: { seesInternal?: boolean; internal?: (seq: number) => boolean; cursor?: number; pageSize?: number } = {}) {
  const db: M[] = Array.from({ length: total }, (_, i) => ({ seq: i + 1, internal: options.internal?.(i + 1) ?? false }));
  const emitted: number[] = [];
  let reads = 0;
  let failNext = 0;
  const sequencer = new CaseSequencer<M>({
    cursor: options.cursor ?? 0,
    lastSeq: total,
    seesInternal: options.seesInternal ?? false,
    pageSize: options.pageSize ?? 3,
    gapWaitMs: 20,
    emit: (m) => emitted.push(m.seq),
    fetchAfter: async (after, limit) => {
      reads++;
      await sleep(1);
      if (failNext > 0) {
        failNext--;
        throw new Error('connection terminated');
      }
      return db.filter((m) => m.seq > after && (options.seesInternal || !m.internal)).slice(0, limit);
    },
  });
  return {
    db,
    emitted,
    sequencer,
    reads: () => reads,
    failReads: (n: number) => (failNext = n),
    add(internal = false) {
      const m = { seq: db.length + 1, internal };
      db.push(m);
      return m;
    },
  };
}

describe('CaseSequencer', () => {
  it('replays in pages, then emits live messages in order', async () => {
    const h = harness(10);
    expect(await h.sequencer.start()).toBe(10);
    expect(h.emitted).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(h.reads()).toBe(4);
    h.sequencer.offer(h.add());
    expect(h.emitted.at(-1)).toBe(11);
  });

  it('treats an afterSeq beyond the case as the case’s last seq, and reads nothing when up to date', async () => {
    const h = harness(3, { cursor: 999 });
    expect(await h.sequencer.start(3)).toBe(3);
    expect(h.reads()).toBe(0);
    h.sequencer.offer(h.add());
    expect(h.emitted).toEqual([4]);
  });

  it('holds live messages that arrive during the replay and drops the ones the replay already sent', async () => {
    const h = harness(5);
    const starting = h.sequencer.start();
    const m6 = h.add();
    const m7 = h.add();
    h.sequencer.offer(m7);
    h.sequencer.offer(m6);
    h.sequencer.offer({ seq: 2, internal: false });
    await starting;
    await sleep(50);
    expect(h.emitted).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('waits briefly for a late message, then fills the gap from the database', async () => {
    const h = harness(2, { cursor: 2 });
    await h.sequencer.start();
    const m3 = h.add();
    const m4 = h.add();
    h.sequencer.offer(m4); // m3's announcement is lost
    expect(h.emitted).toEqual([]);
    await sleep(80);
    expect(h.emitted).toEqual([3, 4]);
    h.sequencer.offer(m3); // arrives late: already sent
    expect(h.emitted).toEqual([3, 4]);
  });

  it('lets internal notes move a customer’s cursor without ever emitting them', async () => {
    const h = harness(6, { internal: (s) => s % 3 === 0 });
    await h.sequencer.start();
    expect(h.emitted).toEqual([1, 2, 4, 5]);
    h.sequencer.offer(h.add(true)); // 7, internal
    h.sequencer.offer(h.add()); // 8
    expect(h.emitted).toEqual([1, 2, 4, 5, 8]);
    const readsBefore = h.reads();
    await sleep(60);
    expect(h.reads()).toBe(readsBefore); // no gap was seen, nothing read
  });

  it('catches up after a missed announcement when told the case is further along', async () => {
    const h = harness(3);
    await h.sequencer.start();
    h.add();
    h.add(true);
    h.sequencer.hint(5, 10);
    await sleep(60);
    expect(h.emitted).toEqual([1, 2, 3, 4]);
    expect(h.sequencer.cursor).toBe(5);
    expect(h.sequencer.behind).toBe(false);
  });

  it('retries a failed catch-up with backoff until the database answers', async () => {
    const h = harness(1, { cursor: 1 });
    await h.sequencer.start();
    h.failReads(2);
    h.add();
    h.sequencer.offer(h.add());
    await sleep(1500);
    expect(h.emitted).toEqual([2, 3]);
  });

  it('emits every visible message exactly once, in order, whatever the arrival order and duplication', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        async (startWith, internals, order, seesInternal) => {
          const h = harness(startWith, { seesInternal, internal: (s) => internals[(s - 1) % internals.length] });
          const starting = h.sequencer.start();
          const live = internals.map((internal) => h.add(internal));
          // Deliver live messages in a random order, some twice, some never (the database has them).
          for (const pick of order) h.sequencer.offer(live[pick % live.length]);
          await starting;
          await sleep(60);
          const expected = h.db.filter((m) => seesInternal || !m.internal).map((m) => m.seq);
          const delivered = new Set(order.map((p) => live[p % live.length].seq));
          // Messages never announced are only read when something says they exist (a later one, or a hint).
          h.sequencer.hint(h.db.length, 5);
          await sleep(40);
          expect(h.emitted).toEqual(expected);
          expect(delivered.size).toBeGreaterThan(0);
          h.sequencer.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});
