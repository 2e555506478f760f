// Text analysis shared by indexing and querying: the same function turns an article's text and a
// customer's query into terms, so both sides always agree on spelling, slang, compounds and stems.
import { stemmer } from 'stemmer';
import {
  COMPOUNDS,
  LEMMA_EN,
  NEGATION_EN,
  NEGATION_ID,
  SLANG_EN,
  SLANG_ID,
  STOP_EN,
  STOP_ID,
  STOP_ZH,
  VARIANTS_ZH,
} from './search-lexicon.js';
import { stemIndonesian } from './search-stem-id.js';

export type Locale = 'zh-CN' | 'id-ID' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'id-ID', 'en'];

const HAN = /\p{Script=Han}/u;
// A Han run, or a word in Latin script. An explicit Latin range is several times faster than
// \p{L} (and than any Han-excluding set) on long article text; the three locales need nothing more,
// and NFKC in normalize() folds full-width letters into it.
const TOKEN = /(\p{Script=Han}+)|([0-9a-z\u00c0-\u024f\u1e00-\u1eff]+)/gu;
/** A Latin-script word in text that has not been normalised (for callers that scan raw text). */
export const WORD = /[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+/g;

const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

// All compounds in one pass over the text: one alternative per compound, each wrapped in a group
// whose position tells the replacer which one matched.
const COMPOUND_GROUPS: Array<[number, string]> = [];
const COMPOUND_RE = (() => {
  let group = 1;
  const sources = COMPOUNDS.map(([re, to]) => {
    COMPOUND_GROUPS.push([group, to]);
    group += 1 + (new RegExp(`${re.source}|`).exec('')!.length - 1);
    return `(${re.source})`;
  });
  return new RegExp(sources.join('|'), 'g');
})();

/** Lowercase, width-fold, join compounds, fix Chinese variants: identical for documents and queries. */
export function normalize(text: string): string {
  let t = text.normalize('NFKC').toLowerCase().replace(/['’`]/g, '');
  if (HAN.test(t)) for (const [from, to] of VARIANTS_ZH) if (t.includes(from)) t = t.split(from).join(to);
  return t.replace(COMPOUND_RE, (...args: unknown[]) => {
    for (const [i, to] of COMPOUND_GROUPS) if (args[i] !== undefined) return to;
    return String(args[0]);
  });
}

// Word -> terms, per locale. The vocabulary of a knowledge base is small, so memoising the stemmer
// makes indexing and snippet highlighting cheap; the cap keeps hostile input from growing it forever.
const MEMO_CAP = 200_000;
const memo: Record<Locale, Map<string, readonly string[]>> = {
  'zh-CN': new Map(),
  'id-ID': new Map(),
  en: new Map(),
};

/** The terms negations collapse to. */
export const NEGATIONS: ReadonlySet<string> = new Set(['not', 'tidak']);

function stemLatin(word: string, lang: 'en' | 'id'): string | null {
  if (lang === 'id') {
    if (NEGATION_ID.has(word)) return 'tidak';
    if (STOP_ID.has(word)) return null;
    return stemIndonesian(word);
  }
  if (NEGATION_EN.has(word)) return 'not';
  if (STOP_EN.has(word)) return null;
  const base = LEMMA_EN[word] ?? word;
  return /^\d+$/.test(base) || base.length <= 3 ? base : stemmer(base);
}

/** Terms for one Latin-script word (already normalised): slang expanded, stop words dropped, stemmed. */
export function analyzeWord(word: string, locale: Locale): readonly string[] {
  const cache = memo[locale];
  const hit = cache.get(word);
  if (hit) return hit;
  // Chinese articles and queries use English loanwords (OTP, PIN, WhatsApp): treat them as English.
  const lang = locale === 'id-ID' ? 'id' : 'en';
  const slang = lang === 'id' ? SLANG_ID[word] : SLANG_EN[word];
  const parts = slang ? slang.split(' ') : [word];
  const out: string[] = [];
  for (const p of parts) {
    const s = stemLatin(p, lang);
    if (s) out.push(s);
  }
  if (cache.size >= MEMO_CAP) cache.clear();
  cache.set(word, out);
  return out;
}

/** Chinese: dictionary words from Intl.Segmenter plus character bigrams for recall. */
export function analyzeHan(run: string, out: string[]): void {
  for (const seg of zhSegmenter.segment(run)) {
    if (seg.isWordLike && !STOP_ZH.has(seg.segment)) out.push(seg.segment);
  }
  for (let i = 0; i + 1 < run.length; i++) {
    const a = run[i]!;
    const b = run[i + 1]!;
    // A bigram leaning on a particle (的钱, 户被) only adds noise.
    if (STOP_ZH.has(a) || STOP_ZH.has(b)) continue;
    out.push(a + b);
  }
}

/** All terms of a text, in order, with repetitions (term frequency matters for BM25). */
export function analyze(text: string, locale: Locale): string[] {
  const out: string[] = [];
  const t = normalize(text);
  for (const m of t.matchAll(TOKEN)) {
    if (m[1]) analyzeHan(m[1], out);
    else if (m[2]) for (const term of analyzeWord(m[2], locale)) out.push(term);
  }
  return out;
}

// Words that mark a short query as Indonesian or English. Loanwords both languages use (transfer,
// top up, OTP, PIN, email, login) are in neither list on purpose.
const ID_HINTS = new Set(
  `saya aku gw gue sy tidak tdk ga gak nggak enggak belum blm sudah udah udh sdh bisa gimana bagaimana cara
   akun saldo masuk kirim uang duit yang yg dan di ke dari untuk utk kenapa knp apa lupa ganti nomor terkunci
   diblokir blokir gagal isi bayar tolong mau kok dong nih sih ya kak min hilang ilang dana rekening kapan
   lama cs nya lewat pakai pake ada buka dibuka tiba tiba keluar lagi jam layanan pengaduan komplain bukti
   masih padahal kemarin kemaren hari ini itu punya mana siapa berapa harus aman sandi kode lapor penipuan
   tetap terus tapi tp sampai sampe jg juga langsung sendiri data email nya nomer hubungi menghubungi`
    .split(/\s+/)
    .filter(Boolean),
);
const EN_HINTS = new Set(
  `the my is i to how what why can cant not no money account failed fail locked blocked password didnt dont
   doesnt wont phone number change send sent received receive help support contact when where who it was
   did do does have has get got be been are am you your me this that with for from of on in and or but still
   yet after before hours open someone talk human agent complaint complain refund charged twice stolen
   hacked unlock scam fake link lost new app crash crashes update page website browser down`
    .split(/\s+/)
    .filter(Boolean),
);

/** Han -> zh-CN; otherwise Indonesian or English by marker words and morphology. */
export function detectLocale(q: string): Locale {
  if (HAN.test(q)) return 'zh-CN';
  const words = q.normalize('NFKC').toLowerCase().replace(/['’`]/g, '').match(/\p{L}+/gu) ?? [];
  let id = 0;
  let en = 0;
  for (const w of words) {
    if (ID_HINTS.has(w)) id++;
    else if (EN_HINTS.has(w)) en++;
    // Indonesian affixes are a strong cue even on words outside the list.
    else if (/^(meng|meny|mem|men|ber|ter|di|ke|pe)\w{3,}/.test(w) && /(kan|nya|an|i)$/.test(w)) id += 0.5;
    else if (/(ing|ed|tion|ly)$/.test(w)) en += 0.5;
  }
  if (id > en) return 'id-ID';
  if (en > id) return 'en';
  // No cue either way (a bare "otp" or "topup"): most of the wallet's customers write Indonesian.
  return 'id-ID';
}
