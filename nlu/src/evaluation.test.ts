import { describe, expect, it } from 'vitest';
import { sampleShots, stratifiedSplit } from './evaluation.js';

const rows = Array.from({ length: 100 }, (_, i) => ({ text: `t${i}`, category: `c${i % 4}` }));

describe('dataset helpers', () => {
  it('splits every class in the same proportion, reproducibly', () => {
    const a = stratifiedSplit(rows, 0.2, 1);
    const b = stratifiedSplit(rows, 0.2, 1);
    expect(a).toEqual(b);
    expect(a.test).toHaveLength(20);
    expect(a.train).toHaveLength(80);
    for (const c of ['c0', 'c1', 'c2', 'c3']) expect(a.test.filter((r) => r.category === c)).toHaveLength(5);
    expect(new Set([...a.train, ...a.test].map((r) => r.text)).size).toBe(100);
  });

  it('samples N shots per class: first in file order, or seeded', () => {
    const first = sampleShots(rows, 2, 'first');
    expect(first.map((r) => r.text)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7']);
    const seeded = sampleShots(rows, 3, 'seeded', 9);
    expect(seeded).toHaveLength(12);
    expect(sampleShots(rows, 3, 'seeded', 9)).toEqual(seeded);
  });
});
