import { describe, expect, it } from 'vitest';
import { detectLanguage } from './lang.js';

describe('detectLanguage', () => {
  it('reads Han characters as Chinese, even inside mixed text', () => {
    expect(detectLanguage('充值失败了')).toBe('zh');
    expect(detectLanguage('top up 5万 到现在还没到账')).toBe('zh');
    expect(detectLanguage('BCA 转账 failed')).toBe('zh');
    expect(detectLanguage('我的帳戶被凍結了，怎麼辦')).toBe('zh');
    expect(detectLanguage('BCA 轉帳 failed')).toBe('zh');
  });

  it('tells Indonesian from English in ordinary sentences', () => {
    expect(detectLanguage('saya sudah transfer ke rekening BCA tapi belum masuk sampai sekarang')).toBe('id');
    expect(detectLanguage('I transferred money to my friend yesterday but it has not arrived yet')).toBe('en');
  });

  it('handles very short and slangy texts with the lexicon fallback', () => {
    expect(detectLanguage('udh blm?')).toBe('id');
    expect(detectLanguage('gw gak bisa login')).toBe('id');
    expect(detectLanguage('min tolong')).toBe('id');
    expect(detectLanguage('pls help')).toBe('en');
    expect(detectLanguage('where is my money')).toBe('en');
  });

  it('falls back to English when there is nothing to go on', () => {
    expect(detectLanguage('')).toBe('en');
    expect(detectLanguage('???')).toBe('en');
    expect(detectLanguage('12345')).toBe('en');
  });
});
