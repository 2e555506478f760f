import { describe, expect, it } from 'vitest';
import { latinTokens, normalizeText } from './normalize.js';
import { stemEnglish } from './stem-en.js';
import { stemIndonesian } from './stem-id.js';

const tokens = (text: string): string[] => latinTokens(normalizeText(text));

describe('normalisation', () => {
  it('expands Indonesian chat slang', () => {
    expect(tokens('gw udh tf tp blm masuk yg kemaren')).toEqual(['saya', 'sudah', 'transfer', 'tapi', 'belum', 'masuk', 'yang', 'kemarin']);
    expect(tokens('gak bisa, nggak bisa, ga bisa')).toEqual(['tidak', 'bisa', 'tidak', 'bisa', 'tidak', 'bisa']);
  });

  it('folds top-up spellings and e-wallet terms', () => {
    expect(tokens('Top up')).toEqual(['topup']);
    expect(tokens('top-up gagal')).toEqual(['topup', 'gagal']);
    expect(tokens('isi saldo')).toEqual(['topup', 'saldo']);
    expect(tokens('e-wallet')).toEqual(['ewallet']);
  });

  it('replaces amounts, phone numbers, links and e-mail addresses by placeholders', () => {
    expect(tokens('Rp 50.000')).toEqual(['_amt_']);
    expect(tokens('50rb')).toEqual(['_amt_']);
    expect(tokens('1,5jt')).toEqual(['_amt_']);
    expect(tokens('50k')).toEqual(['_amt_']);
    expect(normalizeText('充值5万')).toBe('充值 _amt_');
    expect(tokens('call 0812-3456-7890')).toEqual(['call', '_phone_']);
    expect(tokens('go to https://evil.example/x now')).toEqual(['go', 'to', '_url_', 'now']);
    expect(tokens('mail cs@sapa.id')).toEqual(['mail', '_email_']);
  });

  it('shrinks elongated letters and reduplication', () => {
    expect(tokens('tolongggg')).toEqual(['tolong']);
    expect(tokens('pleaseee')).toEqual(['pleasee']);
    expect(tokens('bagi2')).toEqual(['bagi']);
  });

  it('fixes English shorthand, contractions and common typos', () => {
    expect(tokens("I can't login, pls help")).toEqual(['i', 'can', 'not', 'login', 'please', 'help']);
    expect(tokens('didnt recieve my acct pw')).toEqual(['did', 'not', 'receive', 'my', 'account', 'password']);
  });
});

describe('stemmers', () => {
  it('Porter2 folds English inflections', () => {
    expect(stemEnglish('charged')).toBe(stemEnglish('charges'));
    expect(stemEnglish('charging')).toBe('charg');
    expect(stemEnglish('arrived')).toBe(stemEnglish('arrival'));
    expect(stemEnglish('cards')).toBe('card');
  });

  it('strips Indonesian affixes', () => {
    expect(stemIndonesian('dikirim')).toEqual(['kirim']);
    expect(stemIndonesian('mengirim')).toContain('kirim');
    expect(stemIndonesian('kirimin')).toEqual(['kirim']);
    expect(stemIndonesian('pembayaran')).toEqual(['bayar']);
    expect(stemIndonesian('diblokir')).toEqual(['blokir']);
    expect(stemIndonesian('terblokir')).toEqual(['blokir']);
    expect(stemIndonesian('transaksinya')).toEqual(['transaksi']);
    expect(stemIndonesian('masalah')).toEqual(['masalah']);
    expect(stemIndonesian('bermasalah')).toEqual(['masalah']);
    expect(stemIndonesian('kepotong')).toEqual(['potong']);
  });
});
