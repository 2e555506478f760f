import { describe, expect, it } from 'vitest';
import { storableText, unstorableField, visibleText } from './text.js';

describe('text PostgreSQL can store', () => {
  it('names the first field holding a NUL or half an emoji, and passes whole emoji and ordinary text', () => {
    expect(unstorableField({ body: 'saldo 💸 belum masuk', tags: ['a', '充值'] })).toBeUndefined();
    expect(unstorableField({ body: 'nul \u0000 here' })).toBe('body');
    expect(unstorableField({ message: { body: 'ok', clientMessageId: 'cut \ud83d' } })).toBe('message.clientMessageId');
    expect(unstorableField({ tags: ['fine', '\udcab tail'] })).toBe('tags.1');
    expect(unstorableField({ ['k\u0000']: 1 })).toBe('(key)');
    expect(unstorableField('\u0000')).toBe('');
    expect(unstorableField(Buffer.from([0]))).toBeUndefined();
  });

  it('makes channel text storable: NUL dropped, a lone surrogate shown as U+FFFD, pairs kept', () => {
    expect(storableText('a\u0000b')).toBe('ab');
    expect(storableText('cut \ud83d end')).toBe('cut \ufffd end');
    expect(storableText('💸 ok')).toBe('💸 ok');
  });

  it('sees no visible text in markup alone', () => {
    expect(visibleText('<script>alert(1)</script>')).toBe('');
    expect(visibleText('<b>halo</b>')).toBe('halo');
  });
});
