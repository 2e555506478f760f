/**
 * Text normalisation for chat messages in Indonesian, English and Chinese. Customers write
 * "gw udh tf 50rb tp blm masuk": the classifier should see "saya sudah transfer _amt_ tapi belum masuk".
 */

import OpenCC from 'opencc-js/t2cn';
import OpenCCTraditional from 'opencc-js/cn2t';

/** Indonesian chat slang and abbreviations to their standard form (also applied inside mixed text). */
export const INDONESIAN_SLANG: Readonly<Record<string, string>> = {
  gw: 'saya', gue: 'saya', gua: 'saya', guwe: 'saya', ane: 'saya', aku: 'saya', sy: 'saya', aq: 'saya', ak: 'saya',
  lu: 'kamu', lo: 'kamu', loe: 'kamu', elu: 'kamu', km: 'kamu', kmu: 'kamu',
  udh: 'sudah', udah: 'sudah', sdh: 'sudah', dah: 'sudah', uda: 'sudah', sudh: 'sudah', udahan: 'sudah',
  blm: 'belum', belom: 'belum', blom: 'belum', lom: 'belum', blum: 'belum',
  tp: 'tapi', tpi: 'tapi', tapii: 'tapi',
  yg: 'yang', yng: 'yang',
  gak: 'tidak', ga: 'tidak', gk: 'tidak', nggak: 'tidak', ngga: 'tidak', enggak: 'tidak', engga: 'tidak',
  kagak: 'tidak', ndak: 'tidak', tdk: 'tidak', tak: 'tidak', nda: 'tidak', gak2: 'tidak', g: 'tidak', ngak: 'tidak',
  gaada: 'tidak ada', gada: 'tidak ada', kaga: 'tidak',
  bgt: 'banget', bngt: 'banget', bgtt: 'banget', bangett: 'banget',
  dgn: 'dengan', dg: 'dengan', dngn: 'dengan',
  krn: 'karena', karna: 'karena', krna: 'karena',
  utk: 'untuk', untk: 'untuk', bwt: 'buat',
  jd: 'jadi', jdi: 'jadi',
  sm: 'sama', ama: 'sama', sama2: 'sama',
  tf: 'transfer', trf: 'transfer', trsf: 'transfer', trnsfer: 'transfer', transfr: 'transfer', tranfer: 'transfer',
  isiulang: 'topup',
  gimana: 'bagaimana', gmn: 'bagaimana', gmna: 'bagaimana', bgmn: 'bagaimana', gimn: 'bagaimana', gmana: 'bagaimana',
  knp: 'kenapa', napa: 'kenapa', ngapa: 'kenapa', knapa: 'kenapa',
  kpn: 'kapan', kpan: 'kapan',
  dmn: 'dimana', dmana: 'dimana',
  skrg: 'sekarang', skg: 'sekarang', skrang: 'sekarang', skrng: 'sekarang', skr: 'sekarang',
  td: 'tadi', tdi: 'tadi',
  kmrn: 'kemarin', kmarin: 'kemarin', kemaren: 'kemarin', kmren: 'kemarin', kmaren: 'kemarin',
  bs: 'bisa', bsa: 'bisa', bisaa: 'bisa',
  tlg: 'tolong', tolongin: 'tolong', plis: 'tolong', pliss: 'tolong',
  mksh: 'terima kasih', makasih: 'terima kasih', trims: 'terima kasih', trimakasih: 'terima kasih', tq: 'terima kasih',
  org: 'orang', orng: 'orang',
  nmr: 'nomor', nomer: 'nomor', nmor: 'nomor',
  rek: 'rekening', rekn: 'rekening',
  dr: 'dari', dri: 'dari',
  lg: 'lagi', lgi: 'lagi',
  msh: 'masih', masi: 'masih', msih: 'masih',
  aja: 'saja', aj: 'saja', doang: 'saja',
  emg: 'memang', emang: 'memang', mmg: 'memang',
  bnr: 'benar', bener: 'benar',
  sampe: 'sampai', smpe: 'sampai', smp: 'sampai', nyampe: 'sampai', ampe: 'sampai',
  gitu: 'begitu', gini: 'begini', gtu: 'begitu',
  trs: 'terus', trus: 'terus',
  sblm: 'sebelum', stlh: 'setelah', abis: 'habis', abs: 'habis',
  pake: 'pakai', pk: 'pakai', pakek: 'pakai',
  lwt: 'lewat',
  ato: 'atau', atw: 'atau',
  bkn: 'bukan',
  jg: 'juga', jga: 'juga',
  klo: 'kalau', kalo: 'kalau', kl: 'kalau', klu: 'kalau',
  bsk: 'besok',
  mnt: 'minta', mintak: 'minta',
  pdhl: 'padahal', padahl: 'padahal',
  ilang: 'hilang', ilangin: 'hilangkan',
  duit: 'uang', doku: 'uang',
  dompetdigital: 'ewallet',
  tgl: 'tanggal', tggl: 'tanggal',
  bln: 'bulan', thn: 'tahun',
  jt: 'juta', jtan: 'juta',
  kyk: 'kayak', kek: 'kayak',
  cm: 'cuma', cuman: 'cuma', cma: 'cuma',
  dpt: 'dapat', dapet: 'dapat',
  bales: 'balas', blz: 'balas', bls: 'balas',
  nunggu: 'tunggu', nungguin: 'tunggu',
  sdkt: 'sedikit', dikit: 'sedikit',
  trx: 'transaksi', transaksinya: 'transaksi',
  hrus: 'harus',
  tau: 'tahu', tw: 'tahu',
  gabisa: 'tidak bisa', gbs: 'tidak bisa', gbisa: 'tidak bisa', gakbisa: 'tidak bisa',
  mulu: 'terus', melulu: 'terus',
  aplikasinya: 'aplikasi',
  akunnya: 'akun',
  cso: 'cs',
  mimin: 'min', admin: 'min',
  kak: 'kak', ka: 'kak', kk: 'kak', kakak: 'kak', sis: 'kak', gan: 'kak', bang: 'kak',
};

/** English chat shorthand, contractions written without apostrophes and frequent misspellings. */
export const ENGLISH_SLANG: Readonly<Record<string, string>> = {
  u: 'you', ur: 'your', yr: 'your', r: 'are', pls: 'please', plz: 'please', pleas: 'please', plss: 'please',
  thx: 'thanks', thnx: 'thanks', tnx: 'thanks', ty: 'thanks',
  cant: 'can not', cannot: 'can not', dont: 'do not', didnt: 'did not', doesnt: 'does not', wont: 'will not',
  isnt: 'is not', wasnt: 'was not', arent: 'are not', havent: 'have not', hasnt: 'has not', couldnt: 'could not',
  wouldnt: 'would not', shouldnt: 'should not', aint: 'is not', werent: 'were not',
  im: 'i am', ive: 'i have', youre: 'you are', theyre: 'they are', whats: 'what is',
  wheres: 'where is', hows: 'how is', thats: 'that is', theres: 'there is', lets: 'let us',
  wanna: 'want to', gonna: 'going to', gotta: 'got to', kinda: 'kind of', dunno: 'do not know', idk: 'do not know',
  acct: 'account', acc: 'account', accnt: 'account', acount: 'account', accout: 'account', accoutn: 'account',
  pw: 'password', pwd: 'password', passwd: 'password', pasword: 'password', passowrd: 'password',
  msg: 'message', msgs: 'messages', txn: 'transaction', txns: 'transactions', tx: 'transaction',
  amt: 'amount', ammount: 'amount', amout: 'amount', bal: 'balance', balence: 'balance', ballance: 'balance',
  recieve: 'receive', recieved: 'received', receieved: 'received', recived: 'received', recive: 'receive',
  transfered: 'transferred', tranfer: 'transfer', trasnfer: 'transfer', transer: 'transfer',
  paymnet: 'payment', payemnt: 'payment', pyment: 'payment', adress: 'address', addres: 'address',
  verfication: 'verification', verifcation: 'verification', verificaton: 'verification',
  ppl: 'people', b4: 'before', tmrw: 'tomorrow', tmr: 'tomorrow', tomorow: 'tomorrow', '2day': 'today', tdy: 'today',
  yday: 'yesterday', yesterda: 'yesterday', asap: 'as soon as possible', bc: 'because', coz: 'because',
  cuz: 'because', cos: 'because', becuase: 'because', becasue: 'because', wth: 'with',
  abt: 'about', bcoz: 'because', plx: 'please', sth: 'something', smth: 'something', sb: 'somebody',
  hv: 'have', hav: 'have', wat: 'what', wht: 'what', wen: 'when', wer: 'where', thru: 'through', tho: 'though',
  nite: 'night', hr: 'hour', hrs: 'hours', mins: 'minutes', sec: 'second', secs: 'seconds',
  okay: 'ok', okey: 'ok', oke: 'ok', okk: 'ok',
  cc: 'card', crd: 'card', ph: 'phone', fone: 'phone', mob: 'mobile',
  gmail: 'email',
  logon: 'login', signin: 'login', loggin: 'login', loging: 'login',
};

const SLANG = new Map<string, string>([...Object.entries(ENGLISH_SLANG), ...Object.entries(INDONESIAN_SLANG)]);

/** Multi-word forms folded before tokenisation; order matters (longest first). */
const PHRASES: [RegExp, string][] = [
  [/\btop[\s-]*up\b/g, 'topup'],
  [/\bisi[\s-]*(ulang\s+)?saldo\b/g, 'topup saldo'],
  [/\be[\s-]*wallet\b/g, 'ewallet'],
  [/\be[\s-]*money\b/g, 'emoney'],
  [/\blog[\s-]*in\b/g, 'login'],
  [/\bsign[\s-]*in\b/g, 'login'],
  [/\blog[\s-]*out\b/g, 'logout'],
  [/\bsign[\s-]*up\b/g, 'signup'],
  [/\bcustomer[\s-]*(service|care|support)\b/g, 'cs'],
  [/\b2[\s-]*fa\b/g, 'twofa'],
  [/\bcall[\s-]*cent(er|re)\b/g, 'callcenter'],
  [/\bvirtual\s+account\b/g, 'va'],
  [/\bqr[\s-]*is\b/g, 'qris'],
  [/\b24\s*\/\s*7\b/g, '24jam 7hari'],
  [/\b24\s*(jam|hours?|hrs?|h)\b/g, '24jam'],
];

// Amounts: "Rp 50.000", "50rb", "50k", "1,5jt", "$20", "20 dollars", "5万", "300元".
const AMOUNT_LATIN = /(?:\b(?:rp|idr|usd|sgd|eur|gbp)\.?\s*\d[\d.,]*\s*(?:rb|ribu|k|jt|juta|m)?\b|[$€£]\s*\d[\d.,]*\s*[km]?\b|\b\d[\d.,]*\s*(?:rb|ribu|rebu|k|jt|juta|jeti|million|thousand|dollars?|bucks|rupiah|euros?|pounds?|idr)\b)/g;
const AMOUNT_HAN = /\d[\d.,]*\s*(?:万|千|百|元|块|印尼盾|盾|卢比)|[一二两三四五六七八九十百千]+(?:万|千)(?:块|元|印尼盾)?|(?:印尼盾|人民币)\s*\d[\d.,]*/g;
const URL = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|id|co|net|org|ly|xyz|site|online|info|me)(?:\/\S*)?\b/g;
const EMAIL = /\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g;
const PHONE = /(?:\+?62|\b0)8[\d\s*x-]{6,14}\d|\b1500\d{3}\b|\b\d{3,4}[-\s]\d{3,4}[-\s]\d{3,4}\b/g;
const LONG_NUMBER = /\b\d{5,}\b/g;
// Indonesian thousands separators without a currency: "50.000", "1.500.000".
const GROUPED_NUMBER = /\b\d{1,3}(?:[.,]\d{3})+\b/g;
const HAN = /\p{Script=Han}/u;

/**
 * Traditional → Simplified (OpenCC's tw2s: Taiwan variants, then phrase- and character-level
 * Traditional → Simplified). The training data is Simplified, so "我的帳戶被凍結了" must read as
 * "我的帐户被冻结了". Built once at module load (about 25 ms); a conversion takes microseconds. Latin text
 * and punctuation pass through; so does Simplified text, apart from the odd character that is also a
 * Traditional form (著 alone becomes 着: 显著 → 显着; no row of the training or test data changes).
 */
const convertToSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
// Taiwan's own words for what the mainland words of the training data name: 儲值 is a top-up (充值), 登入 a sign-in,
// 簡訊 an SMS, 網路 the network. None occurs in the training or test data, so the model file does not change.
const TAIWAN_WORDS: [RegExp, string][] = [[/储值/g, '充值'], [/登入/g, '登录'], [/简讯/g, '短信'], [/网路/g, '网络']];
const toSimplified = (text: string): string => TAIWAN_WORDS.reduce((out, [word, mainland]) => out.replace(word, mainland), convertToSimplified(text));

/** Chinese in Simplified characters (Traditional converted), anything else as it is: for rules written in Simplified. */
export const inSimplified = (text: string): string => (HAN.test(text) ? toSimplified(text) : text);

// Simplified → Traditional (Taiwan character forms; not its phrase table, which rewrites 在线 as 線上): what tells
// whether a text is Simplified. Built on first use: only a customer who writes Traditional needs it.
let toTraditional: ((text: string) => string) | undefined;
// The same with Taiwan's words (软件 → 軟體, 短信 → 簡訊, 设备 → 裝置), for replies.
let toTaiwanWords: ((text: string) => string) | undefined;
/** Whether the text has Chinese written in Traditional characters ("我的帳戶" does, "我的账户" and "好的" do not). */
export const writesTraditional = (text: string): boolean => HAN.test(text) && convertToSimplified(text) !== text;
/** Whether the text has Chinese written in Simplified characters that Traditional writes otherwise ("账户", not "好的"). */
export const writesSimplified = (text: string): boolean => HAN.test(text) && inTraditional(text) !== text;
/** A Simplified Chinese text in Traditional characters, for a customer who writes them. */
export const inTraditional = (text: string): string => {
  if (!HAN.test(text)) return text;
  const convert = (toTraditional ??= OpenCCTraditional.Converter({ from: 'cn', to: 'tw' }));
  // OpenCC's phrase table reads 发卡(行) as a hairpin and 拉黑发送者 as black hair (髮); in a wallet's words they are the
  // card issuer and the sender (發).
  return convert(text).replace(/髮(?=卡|送)/g, '發');
};
// Where Taiwan's phrase table changes the meaning, not the wording: 注销账户 (close an account) is not 登出 (sign out),
// 不在线 (not online) is not 不線上, and a service 运行 (runs), it does not 執行 (execute). These keep their characters.
const KEEP_MEANING = /注销|不在线|运行/g;
/**
 * A Simplified Chinese reply in Traditional characters and Taiwan's words (帳戶, 簡訊, 裝置, 設定), for a customer who
 * writes Traditional: mainland words in Traditional characters (賬戶, 短信, 設備) read as foreign to them.
 */
export const inTraditionalWording = (text: string): string => {
  if (!HAN.test(text)) return text;
  const convert = (toTaiwanWords ??= OpenCCTraditional.Converter({ from: 'cn', to: 'twp' }));
  let out = '';
  let from = 0;
  for (const kept of text.matchAll(KEEP_MEANING)) {
    out += convert(text.slice(from, kept.index)) + inTraditional(kept[0]);
    from = kept.index + kept[0].length;
  }
  out += convert(text.slice(from));
  // Taiwan writes an account, a bill and a transfer with 帳, which OpenCC leaves as the mainland's 賬.
  return out.replace(/髮(?=卡|送)/g, '發').replace(/賬(?=戶|號|單|目)/g, '帳').replace(/轉賬/g, '轉帳');
};

/**
 * Script-independent clean-up: Unicode compatibility forms, case, placeholders for amounts, links,
 * e-mail addresses and phone numbers (their exact values never decide an intent), and multi-word forms.
 */
export function normalizeText(input: string): string {
  let text = input.normalize('NFKC').toLowerCase();
  if (HAN.test(text)) text = toSimplified(text);
  text = text.replace(/[’‘`´]/g, "'").replace(/[“”„]/g, '"');
  text = text.replace(EMAIL, ' _email_ ');
  text = text.replace(URL, ' _url_ ');
  text = text.replace(PHONE, ' _phone_ ');
  text = text.replace(AMOUNT_HAN, ' _amt_ ');
  text = text.replace(AMOUNT_LATIN, ' _amt_ ');
  text = text.replace(GROUPED_NUMBER, ' _amt_ ');
  text = text.replace(LONG_NUMBER, ' _num_ ');
  // Reduplication "bagi2", "anak-anak": the doubled form carries the same meaning as the single word.
  text = text.replace(/\b([a-z]{2,})2\b/g, '$1').replace(/\b([a-z]{2,})-\1\b/g, '$1');
  // Elongated letters ("pleaseee", "gaaak"): runs of 3+ shrink to one, or two for letters English doubles.
  text = text.replace(/([a-z])\1{2,}/g, (_m, ch: string) => ('eolsftp'.includes(ch) ? ch + ch : ch));
  for (const [pattern, replacement] of PHRASES) text = text.replace(pattern, replacement);
  return text.replace(/\s+/g, ' ').trim();
}

/** Maps one lower-cased Latin token through the slang table (may expand to several words). */
export function expandSlang(token: string): string[] {
  const mapped = SLANG.get(token);
  if (mapped === undefined) return [token];
  return mapped.split(' ');
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

export interface TextRun {
  han: boolean;
  text: string;
}

/** Splits text into runs of Han characters and runs of everything else, preserving order. */
export function splitScripts(text: string): TextRun[] {
  const runs: TextRun[] = [];
  const re = /(\p{Script=Han}+)|([^\p{Script=Han}]+)/gu;
  for (const m of text.matchAll(re)) {
    if (m[1]) runs.push({ han: true, text: m[1] });
    else if (m[2]) runs.push({ han: false, text: m[2] });
  }
  return runs;
}

const LATIN_TOKEN = /[\p{L}\p{N}_']+/gu;

/** Latin-script tokens (letters, digits, placeholders), apostrophes trimmed, slang expanded. */
export function latinTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(LATIN_TOKEN)) {
    let tok = m[0].replace(/^'+|'+$/g, '');
    if (!tok) continue;
    // "don't" and "dont" normalise to the same thing.
    if (tok.includes("'")) {
      const joined = tok.replace(/'/g, '');
      tok = SLANG.has(joined) ? joined : tok.replace(/'s$/, '').replace(/'/g, '');
    }
    for (const t of expandSlang(tok)) if (t) out.push(t);
  }
  return out;
}
