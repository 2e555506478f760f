/**
 * Builds nlu/data/sapa-train.csv and nlu/data/sapa-test.csv from the hand-written message cores in
 * corpus-{en,id,zh}.ts. Each core is realised a few times with different slot values (amounts, banks,
 * shops, times), openers and closers, chat slang or formal spelling, code-switching and typos.
 * Train and test use disjoint cores, so the held-out figure measures generalisation to new phrasings,
 * not to new amounts. Cores marked `+ ` are training-only (see splitCores). Deterministic: run `npx tsx nlu/data/generate.ts` to reproduce the CSVs exactly.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCsv } from '../src/csv.js';
import { createRng, hashString, shuffleInPlace } from '../src/rng.js';
import { EN } from './corpus-en.js';
import { ID } from './corpus-id.js';
import { ZH } from './corpus-zh.js';

type Lang = 'zh' | 'id' | 'en';
type Rng = () => number;

const TRAIN_PER_GROUP = 80;
const TEST_PER_GROUP = 22;
const TEST_CORE_SHARE = 0.26;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

const SLOTS: Record<Lang, Record<string, readonly string[]>> = {
  en: {
    amt: ['50k', '100k', 'Rp 50.000', 'Rp100,000', 'IDR 250k', '200 thousand', '1.5 million rupiah', 'Rp 75.000', '500k', '20k', 'Rp 1.000.000', '300k'],
    time: ['this morning', 'yesterday', 'last night', '2 hours ago', 'since 9am', 'an hour ago', 'on monday', 'earlier today', 'at lunch'],
    days: ['2 days', '3 days', 'a week', '5 days', 'two weeks', '4 days', '48 hours'],
    bill: ['electricity', 'PLN', 'water', 'BPJS', 'internet', 'phone credit', 'Indihome', 'credit card', 'cable TV'],
    date: ['12 March', 'the 5th', 'last Friday', 'June 3'],
  },
  id: {
    amt: ['50rb', '100rb', 'Rp 50.000', 'Rp100rb', '250 ribu', '1jt', '1,5jt', '75k', 'Rp 20.000', '500rb', '200rb', 'Rp 300.000', '30rb'],
    time: ['tadi pagi', 'kemarin', 'semalem', '2 jam lalu', 'dari jam 9', 'sejam yg lalu', 'hari senin', 'barusan', 'td siang'],
    days: ['2 hari', '3 hari', 'seminggu', '5 hari', '2 minggu', '4 hari', '2x24 jam'],
    bill: ['listrik', 'PLN', 'PDAM', 'BPJS', 'internet', 'pulsa', 'Indihome', 'kartu kredit', 'TV kabel'],
    date: ['12 maret', 'tgl 5', 'jumat kemarin', '3 juni'],
  },
  zh: {
    amt: ['5万', '10万', '50万印尼盾', '20万盾', '100万', '2万5', '30万卢比', 'Rp 50.000', '15万', '200块'],
    time: ['今天早上', '昨天', '昨晚', '两个小时前', '早上9点', '一个小时前', '周一', '刚才', '中午'],
    days: ['两天', '三天', '一个星期', '五天', '两周', '四天', '48小时'],
    bill: ['电费', '水费', 'BPJS', '网费', '话费', 'Indihome', '信用卡账单', 'PLN电费', '有线电视费'],
    date: ['3月12号', '5号', '上周五', '6月3日'],
  },
};

const SHARED_SLOTS: Record<string, readonly string[]> = {
  bank: ['BCA', 'BRI', 'Mandiri', 'BNI', 'CIMB Niaga', 'Permata', 'BSI', 'Bank Jago', 'SeaBank', 'BTN', 'Danamon'],
  store: ['Indomaret', 'Alfamart', 'Alfamidi', 'Lawson', 'Circle K'],
  merchant: ['Tokopedia', 'Shopee', 'Grab', 'Traveloka', 'Lazada', 'Blibli', 'Bukalapak', 'KFC', 'Starbucks', 'Gramedia', 'Hypermart'],
  ewallet: ['OVO', 'DANA', 'ShopeePay', 'LinkAja', 'GoPay'],
  n: ['2', '3', '4', '5', '10', '12', '13', '14'],
  phone: ['0812-3456-7890', '08119876543', '+62 813 2222 1111', '0857 1234 0099'],
  ticket: ['#48213', 'TKT-20931', 'no. 77120', 'CS-55102', '#90017', 'SP-3321'],
};

const OPENERS: Record<Lang, readonly string[]> = {
  en: ['hi', 'hello', 'hey', 'good morning', 'excuse me', 'hi there', 'dear cs', 'hi admin', 'sorry to bother,', 'urgent:', 'help!', 'please help,', 'min', 'good evening'],
  id: ['halo kak', 'min', 'kak', 'permisi', 'pagi min', 'sore kak', 'gan', 'halo min', 'misi kak', 'tolong min', 'selamat siang', 'assalamualaikum min', 'kak mau tanya', 'min tolong', 'malam min'],
  zh: ['你好', '您好', '客服你好，', '在吗？', '请问', '麻烦问一下，', '你好，', '急！', '打扰一下，', 'hi，', '客服，'],
};

// Closers for questions rather than problems ("what should i do" reads oddly after "what are your hours").
const QUESTION_INTENTS = new Set(['contact_channels', 'service_hours', 'security_setup', 'update_account_info', 'service_status', 'case_followup', 'human_agent']);
const QUESTION_CLOSERS: Record<Lang, readonly string[]> = {
  en: ['thanks', 'thank you', 'thx', 'pls', '??', 'please', 'ty'],
  id: ['makasih', 'thx', 'kak', 'min', '??', 'ya', 'dong', 'mksh kak'],
  zh: ['谢谢', '谢谢！', '？？', '麻烦了', '急'],
};

const CLOSERS: Record<Lang, readonly string[]> = {
  en: ['please help', 'thanks', 'asap please', 'what should i do', '??', '!!', 'pls', 'thank you', 'help me', 'need help urgently', 'thx', 'kindly assist'],
  id: ['tolong dibantu', 'gimana nih', 'mohon bantuannya', 'pls', 'cepet ya', 'makasih', '??', 'kak tolong', 'gmn dong', 'mohon dicek', 'thx', 'urgent bgt', 'huhu'],
  zh: ['怎么办', '急', '谢谢', '帮忙看一下', '？？', '麻烦尽快处理', '在线等', '谢谢！', '怎么回事啊', '急急急'],
};

// Chat spellings customers use for standard Indonesian words (and the reverse, for formal writers).
const ID_SLANG: [RegExp, readonly string[]][] = [
  [/\bsudah\b/g, ['udh', 'udah', 'sdh', 'dah']],
  [/\bbelum\b/g, ['blm', 'belom', 'blom']],
  [/\btidak\b/g, ['gak', 'ga', 'nggak', 'gk', 'enggak']],
  [/\byang\b/g, ['yg']],
  [/\btapi\b/g, ['tp', 'tpi']],
  [/\bsaya\b/g, ['gw', 'aku', 'sy', 'gue']],
  [/\bbagaimana\b/g, ['gimana', 'gmn']],
  [/\bsekarang\b/g, ['skrg', 'skrng']],
  [/\bkarena\b/g, ['krn', 'karna']],
  [/\bdengan\b/g, ['dgn']],
  [/\btransfer\b/g, ['tf', 'transfer', 'trf']],
  [/\bbanget\b/g, ['bgt']],
  [/\bjuga\b/g, ['jg']],
  [/\blagi\b/g, ['lg']],
  [/\bkemarin\b/g, ['kmrn', 'kemaren']],
  [/\bterus\b/g, ['trs', 'mulu']],
];
const ID_FORMAL: [RegExp, string][] = [
  [/\b(gw|gue|aku)\b/g, 'saya'],
  [/\b(udh|udah|dah)\b/g, 'sudah'],
  [/\b(blm|belom)\b/g, 'belum'],
  [/\b(gak|ga|gk|nggak)\b/g, 'tidak'],
  [/\byg\b/g, 'yang'],
  [/\btp\b/g, 'tapi'],
  [/\btf\b/g, 'transfer'],
  [/\b(gimana|gmn)\b/g, 'bagaimana'],
  [/\bskrg\b/g, 'sekarang'],
  [/\bpake\b/g, 'pakai'],
  [/\bmasuk2\b/g, 'masuk'],
];
// Indonesian customers switch single words to English mid-sentence.
const ID_CODE_SWITCH: [RegExp, readonly string[]][] = [
  [/\bgagal\b/, ['failed', 'fail', 'error']],
  [/\bsaldo\b/, ['balance']],
  [/\bakun\b/, ['account', 'akun']],
  [/\bditolak\b/, ['declined', 'rejected']],
  [/\bpembayaran\b/, ['payment']],
  [/\bdiblokir\b/, ['di-block', 'diblock']],
  [/\bpengembalian dana\b/, ['refund']],
  [/\bmasuk\b/, ['masuk', 'credited']],
];
const EN_CASUAL: [RegExp, readonly string[]][] = [
  [/\byou\b/g, ['u']],
  [/\byour\b/g, ['ur']],
  [/\bplease\b/g, ['pls', 'plz']],
  [/\bi'm\b/g, ['im']],
  [/\bdon't\b/g, ['dont']],
  [/\bcan't\b/g, ['cant', 'cannot']],
  [/\bdidn't\b/g, ['didnt', 'did not']],
  [/\bthanks\b/g, ['thx', 'tks']],
  [/\bbecause\b/g, ['bc', 'coz']],
  [/\bmoney\b/g, ['money', 'funds']],
  [/\bbalance\b/g, ['balance', 'saldo']],
];
const ZH_VARIANTS: [RegExp, readonly string[]][] = [
  [/充值/, ['充值', 'top up', '充钱', '充值']],
  [/客服/, ['客服', 'CS', '客服']],
  [/账户/, ['账户', '账号', '帐户']],
  [/余额/, ['余额', '钱包余额']],
  [/验证码/, ['验证码', 'OTP', '验证码']],
  [/失败/, ['失败', '不成功']],
  [/app/, ['app', 'APP', '应用']],
];

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'sq', s: 'ad', d: 'sf', e: 'wr', i: 'uo', o: 'ip', n: 'bm', m: 'n', r: 'et', t: 'ry', u: 'yi', l: 'k', k: 'jl', g: 'fh', h: 'gj', p: 'o', b: 'vn',
};

function typo(text: string, rng: Rng): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => (/^[a-z]{5,}$/i.test(w) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return text;
  const i = pick(rng, candidates);
  const w = words[i];
  const p = 1 + Math.floor(rng() * (w.length - 2));
  const kind = rng();
  if (kind < 0.3) words[i] = w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2);
  else if (kind < 0.6) words[i] = w.slice(0, p) + w.slice(p + 1);
  else if (kind < 0.8) words[i] = w.slice(0, p) + w[p] + w.slice(p);
  else {
    const near = KEYBOARD_NEIGHBOURS[w[p].toLowerCase()];
    if (near) words[i] = w.slice(0, p) + pick(rng, [...near]) + w.slice(p + 1);
  }
  return words.join(' ');
}

function fillSlots(core: string, lang: Lang, rng: Rng): string {
  return core.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const options = SLOTS[lang][name] ?? SHARED_SLOTS[name];
    if (!options) throw new Error(`unknown slot {${name}}`);
    return pick(rng, options);
  });
}

function realise(core: string, lang: Lang, rng: Rng, intent: string): string {
  let text = fillSlots(core, lang, rng);
  if (lang === 'id') {
    if (rng() < 0.45) for (const [re, forms] of ID_SLANG) if (rng() < 0.7) text = text.replace(re, () => pick(rng, forms));
    if (rng() < 0.2) for (const [re, to] of ID_FORMAL) text = text.replace(re, to);
    if (rng() < 0.15) {
      const [re, forms] = pick(rng, ID_CODE_SWITCH);
      text = text.replace(re, pick(rng, forms));
    }
  } else if (lang === 'en') {
    if (rng() < 0.3) for (const [re, forms] of EN_CASUAL) if (rng() < 0.6) text = text.replace(re, () => pick(rng, forms));
    // Non-native English often drops articles.
    if (rng() < 0.15) text = text.replace(/\b(the|a) /g, () => (rng() < 0.6 ? '' : 'the '));
  } else {
    for (const [re, forms] of ZH_VARIANTS) if (rng() < 0.25) text = text.replace(re, pick(rng, forms));
  }
  const opener = rng() < 0.3 ? pick(rng, OPENERS[lang]) : '';
  // Pleas for help make no sense after small talk, so out-of-scope messages get no closer.
  const closers = QUESTION_INTENTS.has(intent) ? QUESTION_CLOSERS[lang] : CLOSERS[lang];
  const closer = rng() < 0.25 && intent !== 'out_of_scope' ? pick(rng, closers) : '';
  if (lang === 'zh') {
    if (rng() < 0.35) text = text.replace(/[？?。！!]+$/u, '');
    text = `${opener}${text}${closer && !/[？?！!]$/u.test(text) && !/^[？?！!]/u.test(closer) ? '，' : ''}${closer}`;
  } else {
    if (opener) text = `${opener}${/[,:!]$/.test(opener) ? ' ' : rng() < 0.5 ? ', ' : ' '}${text}`;
    if (closer) text = `${text.replace(/[?.!]+$/, '')}${/^[?!]/.test(closer) ? '' : rng() < 0.5 ? ', ' : ' '}${closer}`;
    if (rng() < 0.3) text = typo(text, rng);
    const casing = rng();
    if (casing < 0.5) text = text.toLowerCase();
    else if (casing < 0.9) text = text[0].toUpperCase() + text.slice(1);
    if (rng() < 0.3) text = text.replace(/[.?!]+$/, '');
  }
  return text.replace(/\s+/g, ' ').trim();
}

function cores(block: string): string[] {
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * Cores marked `+ ` were written after the held-out split was drawn: they go to training only and are left out of
 * the shuffle, so the test file (and its figure) stays comparable across revisions of the corpus.
 */
function splitCores(block: string): { drawn: string[]; trainOnly: string[] } {
  const all = cores(block);
  return { drawn: all.filter((c) => !c.startsWith('+ ')), trainOnly: all.filter((c) => c.startsWith('+ ')).map((c) => c.slice(2)) };
}

function realiseMany(group: string[], count: number, lang: Lang, intent: string, rng: Rng, seen: Set<string>): string[] {
  const out: string[] = [];
  let attempts = 0;
  // Round-robin over the cores so that every phrasing is used about equally often.
  for (let k = 0; out.length < count && attempts < count * 50; k++, attempts++) {
    const text = realise(group[k % group.length], lang, rng, intent);
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  if (out.length < count) throw new Error(`could only realise ${out.length}/${count} for a ${lang} group`);
  return out;
}

function main(): void {
  const corpora: [Lang, Record<string, string>][] = [
    ['zh', ZH],
    ['id', ID],
    ['en', EN],
  ];
  const intents = Object.keys(EN).sort();
  const train: string[][] = [];
  const test: string[][] = [];
  const seen = new Set<string>();
  for (const intent of intents) {
    for (const [lang, corpus] of corpora) {
      const block = corpus[intent];
      if (!block) throw new Error(`missing ${lang} cores for ${intent}`);
      const { drawn: list, trainOnly } = splitCores(block);
      const rng = createRng(hashString(`${intent}/${lang}`));
      shuffleInPlace(list, rng);
      const nTest = Math.max(1, Math.round(list.length * TEST_CORE_SHARE));
      const testCores = list.slice(0, nTest);
      const trainCores = [...list.slice(nTest), ...trainOnly];
      for (const text of realiseMany(testCores, TEST_PER_GROUP, lang, intent, rng, seen)) test.push([text, intent, lang]);
      for (const text of realiseMany(trainCores, TRAIN_PER_GROUP, lang, intent, rng, seen)) train.push([text, intent, lang]);
    }
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const header = ['text', 'category', 'lang'];
  writeFileSync(resolve(here, 'sapa-train.csv'), formatCsv([header, ...train]));
  writeFileSync(resolve(here, 'sapa-test.csv'), formatCsv([header, ...test]));
  process.stdout.write(JSON.stringify({ intents: intents.length, train: train.length, test: test.length }) + '\n');
}

main();
