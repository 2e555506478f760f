import { describe, expect, it } from 'vitest';
import { hanConcepts, latinConcepts } from './lexicon.js';

function concepts(tokens: string[]): string[] {
  const out: string[] = [];
  latinConcepts(tokens, (c) => out.push(c));
  return out;
}

describe('concept thesaurus', () => {
  it('matches listed words, two-word phrases and Chinese substrings', () => {
    expect(concepts(['refund'])).toContain('refund');
    expect(concepts(['cash', 'machine'])).toContain('atm');
    const han: string[] = [];
    hanConcepts('我的汇率不对', (c) => han.push(c));
    expect(han).toContain('exchange');
  });

  it('matches inflections through the English stem, once per concept', () => {
    expect(concepts(['deliveries'])).toContain('delivery');
    expect(concepts(['refunding'])).toContain('refund');
    const refund = concepts(['refunded']).filter((c) => c === 'refund');
    expect(refund).toHaveLength(1);
  });
});
