import { describe, expect, it } from 'vitest';
import { inTraditional, inTraditionalWording, latinTokens, normalizeText, writesSimplified, writesTraditional } from './normalize.js';
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

  it('tells a customer who writes Traditional characters, and writes back in them', () => {
    for (const text of ['我的帳戶被凍結了', '我沒有點', '謝謝']) expect(writesTraditional(text), text).toBe(true);
    for (const text of ['我的账户被冻结了', '好的', '我是', 'thanks', '']) expect(writesTraditional(text), text).toBe(false);
    expect(inTraditional('您的账户已被锁定。请打开应用，参考号 SAPA-1 https://x.test/kb/a')).toBe('您的賬戶已被鎖定。請打開應用，參考號 SAPA-1 https://x.test/kb/a');
    expect(inTraditional('人工客服目前不在线。请拉黑发送者。发卡行拒绝了交易')).toBe('人工客服目前不在線。請拉黑發送者。發卡行拒絕了交易');
    expect(inTraditional('Your account is locked.')).toBe('Your account is locked.');
    // Replies use Taiwan's words, except where that would change the meaning (closing an account is not signing out).
    expect(inTraditionalWording('您的账户在新设备上登录，请查看短信。转账失败')).toBe('您的帳戶在新裝置上登入，請檢視簡訊。轉帳失敗');
    expect(inTraditionalWording('注销账户后余额无法使用。人工客服目前不在线，服务运行正常。发卡行')).toBe('註銷帳戶後餘額無法使用。人工客服目前不在線，服務運行正常。發卡行');
    expect(inTraditionalWording('Your account is locked.')).toBe('Your account is locked.');
    for (const text of ['我的账户被冻结了', '请帮我']) expect(writesSimplified(text), text).toBe(true);
    for (const text of ['我的帳戶被凍結了', '好的', '我是', 'thanks']) expect(writesSimplified(text), text).toBe(false);
    // Taiwan's words read as the mainland ones the model was trained on.
    expect(normalizeText('我的儲值失敗了')).toBe(normalizeText('我的充值失败了'));
  });

  it('reads Traditional Chinese as Simplified, the script of the training data', () => {
    const pairs: [string, string][] = [
      ['我的帳戶被凍結了，怎麼辦', '我的帐户被冻结了，怎么办'],
      ['我沒有做任何違規的事', '我没有做任何违规的事'],
      ['轉帳給朋友，對方說沒收到', '转帐给朋友，对方说没收到'],
      ['手機換了號碼，收不到驗證碼', '手机换了号码，收不到验证码'],
      ['為什麼我的提款一直在處理中', '为什么我的提款一直在处理中'],
    ];
    for (const [traditional, simplified] of pairs) {
      expect(normalizeText(traditional)).toBe(normalizeText(simplified));
      expect(normalizeText(traditional)).toBe(simplified.normalize('NFKC')); // NFKC: '，' → ','
    }
    // Mixed with Latin text and amounts: only the Han characters change (and Taiwan's 儲值 is the mainland's 充值).
    expect(normalizeText('BCA 轉帳 Rp 50.000 failed')).toBe('bca 转帐 _amt_ failed');
    expect(normalizeText('儲值5萬到現在還沒到賬')).toBe('充值 _amt_ 到现在还没到账');
  });

  it('leaves Simplified Chinese and Latin text as they were', () => {
    for (const text of ['我的账户被冻结了，怎么办', '充值失败，钱被扣了但余额没有增加', '呼叫中心从来不接', '账户被停用了']) {
      expect(normalizeText(text)).toBe(text.normalize('NFKC'));
    }
    expect(normalizeText('gw udh tf 50rb tp blm masuk')).toBe('gw udh tf _amt_ tp blm masuk');
    expect(normalizeText('I did not receive my refund')).toBe('i did not receive my refund');
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
