import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv, parseLabelledCsv } from './csv.js';
import { score } from './metrics.js';

describe('csv', () => {
  it('round-trips quotes, commas and newlines', () => {
    const rows = [
      ['text', 'category'],
      ['he said "hi", then left', 'a'],
      ['line one\nline two', 'b'],
      ['plain', 'c'],
    ];
    expect(parseCsv(formatCsv(rows))).toEqual(rows);
  });

  it('reads labelled rows by header name, with an optional lang column', () => {
    const rows = parseLabelledCsv('category,text,lang\r\ntopup_failed,"saldo, belum masuk",id\r\n');
    expect(rows).toEqual([{ text: 'saldo, belum masuk', category: 'topup_failed', lang: 'id' }]);
  });
});

describe('metrics', () => {
  it('computes accuracy and macro-F1', () => {
    const s = score(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(s.accuracy).toBe(0.75);
    // F1(a) = 2/3, F1(b) = 0.8
    expect(s.macro_f1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });

  it('computes balanced accuracy as the mean recall per gold label, which frequent labels do not dominate', () => {
    // a: 1 of 1 right, b: 1 of 3 right; accuracy 0.5, balanced (1 + 1/3) / 2.
    const s = score(['a', 'b', 'b', 'b'], ['a', 'b', 'a', 'a']);
    expect(s.accuracy).toBe(0.5);
    expect(s.balanced_accuracy).toBeCloseTo(2 / 3, 10);
  });
});
