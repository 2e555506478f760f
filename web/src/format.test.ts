import { describe, expect, it } from 'vitest';
import { renderCanned } from './canned';
import { initials, money } from './format';

describe('money', () => {
  it('reads ISO 4217 minor units and drops zero decimals', () => {
    expect(money({ amount: 20_000_000, currency: 'IDR' }, 'id-ID')).toBe(new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(200_000));
    expect(money({ amount: 1_050, currency: 'USD' }, 'en')).toBe('$10.50');
    expect(money({ amount: 500, currency: 'JPY' }, 'en')).toBe('¥500');
  });
});

describe('saved replies', () => {
  const canned = { id: '1', title: 'Hi', shortcut: 'hi', updatedAt: '', bodies: { en: 'Hi {{customer.name}}, case {{ case.reference }} — {{agent.name}} {{unknown}}', 'zh-CN': '{{customer.name}}您好' } };
  const vars = { 'customer.name': 'Budi', 'case.reference': 'SP-ABC234', 'agent.name': 'Rina' };
  it('fills the variables and leaves unknown ones visible', () => {
    expect(renderCanned(canned, 'en', vars)).toBe('Hi Budi, case SP-ABC234 — Rina {{unknown}}');
  });
  it('picks the case language, else English', () => {
    expect(renderCanned(canned, 'zh-CN', vars)).toBe('Budi您好');
    expect(renderCanned(canned, 'id-ID', vars)).toContain('Hi Budi');
  });
});

describe('initials', () => {
  it('uses the last two characters of a Chinese name and first + last initials otherwise', () => {
    expect(initials('王芳')).toBe('王芳');
    expect(initials('李伟')).toBe('李伟');
    expect(initials('Budi Santoso')).toBe('BS');
    expect(initials(null)).toBe('?');
  });
});
