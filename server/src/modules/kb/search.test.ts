import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_INTENTS, BUNDLED_CONTENT_DIR, loadArticleFolder, type ArticleSource } from './content.js';
import { buildBundledIndex, evaluate, loadQueries } from './eval/evaluate.js';
import { analyze } from './search-analyze.js';
import { stemIndonesian } from './search-stem-id.js';
import { stripMarkdown } from './search-text.js';
import { detectQueryLocale, KnowledgeIndex, type Locale, type SearchableArticle } from './search.js';

function article(over: Partial<SearchableArticle> & Pick<SearchableArticle, 'id' | 'locale' | 'title' | 'body'>): SearchableArticle {
  return { slug: over.id, visibility: 'public', updatedAt: new Date('2026-11-01T00:00:00Z'), ...over };
}

/** A small index with one topic per article, written in the given language. */
function smallIndex(): KnowledgeIndex {
  const index = new KnowledgeIndex();
  const docs: SearchableArticle[] = [
    article({ id: 'topup', locale: 'id-ID', title: 'Isi saldo gagal', body: 'Jika isi saldo lewat virtual account belum bertambah, tunggu 10 menit lalu cek riwayat.' }),
    article({ id: 'locked', locale: 'id-ID', title: 'Akun terkunci', body: 'Akun bisa terkunci setelah salah PIN. Hubungi kami untuk verifikasi identitas.' }),
    article({ id: 'transfer', locale: 'id-ID', title: 'Pengiriman uang ke rekening', body: 'Cara mengirim uang ke rekening bank dan apa yang terjadi bila gagal.' }),
    article({ id: 'password', locale: 'en', title: 'Choose a strong password', body: 'A password of ten characters or more, used nowhere else.' }),
    article({ id: 'transfer', locale: 'en', title: 'Transfer failed', body: 'Why sending money to a bank account can fail.' }),
    article({ id: 'refund', locale: 'en', title: 'Getting your money back', body: 'When a merchant approves a reversal, the amount returns to your balance.' }),
    article({ id: 'locked', locale: 'zh-CN', title: '账户被锁定', body: '支付密码输错太多次，账户会被暂时锁定。' }),
    article({ id: 'otp', locale: 'zh-CN', title: '收不到验证码', body: '短信验证码一直不来时，请先检查信号。' }),
    article({ id: 'topup', locale: 'zh-CN', title: '充值失败', body: '充值没有到账时，请保存银行凭证。' }),
  ];
  for (const d of docs) index.upsert(d);
  return index;
}
const slugs = (index: KnowledgeIndex, q: string, locale?: Locale) => index.search(q, { locale }).map((h) => h.slug);

describe('analysis', () => {
  it('segments Chinese into words and adds character bigrams', () => {
    const terms = analyze('账户被冻结了', 'zh-CN');
    expect(terms).toContain('账户');
    expect(terms).toContain('冻结');
    // 户被 leans on the particle 被 and is dropped; 账户 and 冻结 also come as bigrams.
    expect(terms).not.toContain('户被');
    expect(terms).not.toContain('了');
  });

  it('keeps Latin words inside Chinese text apart', () => {
    expect(analyze('whatsapp客服', 'zh-CN')).toEqual(expect.arrayContaining(['whatsapp', '客服']));
  });

  it('stems Indonesian through prefixes, suffixes and recoding', () => {
    expect(stemIndonesian('pembayaran')).toBe('bayar');
    expect(stemIndonesian('mengirim')).toBe('kirim');
    expect(stemIndonesian('terkunci')).toBe('kunci');
    expect(stemIndonesian('dikembalikan')).toBe('kembali');
    expect(stemIndonesian('penipuan')).toBe('tipu');
    expect(stemIndonesian('saldonya')).toBe('saldo');
    // Lexicon words are not over-stemmed.
    expect(stemIndonesian('masalah')).toBe('masalah');
    expect(stemIndonesian('aplikasi')).toBe('aplikasi');
  });

  it('stems English and joins compounds', () => {
    expect(analyze('Blocked accounts', 'en')).toEqual(['block', 'account']);
    expect(analyze('top-up', 'en')).toEqual(['topup']);
    expect(analyze('Top up', 'en')).toEqual(['topup']);
    expect(analyze('frozen', 'en')).toEqual(analyze('freeze', 'en'));
  });

  it('expands chat slang and drops stop words', () => {
    expect(analyze('gw udh tf blm masuk', 'id-ID')).toEqual(['transfer', 'belum', 'masuk']);
    expect(analyze('pls my acc', 'en')).toEqual(['account']);
    // Negations stay, as one term, so "not received" keeps its meaning.
    expect(analyze("didn't arrive", 'en')).toEqual(['not', 'arriv']);
    expect(analyze('ga masuk', 'id-ID')).toEqual(['tidak', 'masuk']);
  });

  it('strips Markdown to plain text', () => {
    const text = stripMarkdown('## Steps\n1. Open **Profile → Help**\n2. Tap [Contact us](/help/en/contact)\n\n| a | b |\n|---|---|');
    expect(text).toBe('Steps · Open Profile → Help · Tap Contact us · a · b');
  });
});

describe('detectQueryLocale', () => {
  it('detects Chinese, Indonesian and English', () => {
    expect(detectQueryLocale('账户被冻结')).toBe('zh-CN');
    expect(detectQueryLocale('app闪退')).toBe('zh-CN');
    expect(detectQueryLocale('saldo gw ga masuk')).toBe('id-ID');
    expect(detectQueryLocale('akun diblokir kenapa')).toBe('id-ID');
    expect(detectQueryLocale('my account is locked')).toBe('en');
    expect(detectQueryLocale("why didn't my refund arrive")).toBe('en');
  });
});

describe('KnowledgeIndex', () => {
  const index = smallIndex();

  it('finds articles through synonyms the article does not use', () => {
    expect(slugs(index, 'topup', 'id-ID')[0]).toBe('topup');
    expect(slugs(index, 'akun dibekukan', 'id-ID')[0]).toBe('locked');
    expect(slugs(index, 'tf gagal', 'id-ID')[0]).toBe('transfer');
    expect(slugs(index, 'refund', 'en')[0]).toBe('refund');
    expect(slugs(index, '账户被冻结', 'zh-CN')[0]).toBe('locked');
    expect(slugs(index, '封号了', 'zh-CN')[0]).toBe('locked');
    // Across languages: an English word in a Chinese query.
    expect(slugs(index, 'OTP收不到', 'zh-CN')[0]).toBe('otp');
  });

  it('tolerates typos in Latin script', () => {
    expect(slugs(index, 'pasword', 'en')[0]).toBe('password');
    expect(slugs(index, 'trasnfer failed', 'en')[0]).toBe('transfer');
    expect(slugs(index, 'cong', 'zh-CN')).toEqual([]);
  });

  it('fixes common Chinese mis-typings', () => {
    expect(slugs(index, '冲值', 'zh-CN')[0]).toBe('topup');
  });

  it('matches a half-typed last word', () => {
    expect(slugs(index, 'strong passw', 'en')[0]).toBe('password');
  });

  it('returns only the requested locale, detecting it when omitted', () => {
    const en = index.search('transfer', { locale: 'en' });
    expect(en.length).toBeGreaterThan(0);
    expect(en.every((h) => h.locale === 'en')).toBe(true);
    expect(index.search('transfer gagal').every((h) => h.locale === 'id-ID')).toBe(true);
    expect(index.search('充值失败').map((h) => [h.slug, h.locale])).toContainEqual(['topup', 'zh-CN']);
  });

  it('shows internal articles only when asked', () => {
    const i = smallIndex();
    i.upsert(article({ id: 'playbook', locale: 'en', title: 'Agent playbook: unlock verification', body: 'Verify identity before you unlock.', visibility: 'internal' }));
    expect(slugs(i, 'unlock verification', 'en')).not.toContain('playbook');
    expect(i.search('unlock verification', { locale: 'en', includeInternal: true })[0]?.slug).toBe('playbook');
  });

  it('escapes article text in snippets and marks matches', () => {
    const i = new KnowledgeIndex();
    i.upsert(article({ id: 'x', locale: 'en', title: 'Scripts', body: 'Never paste <script>alert("pin")</script> into the wallet & never share your PIN.' }));
    const [hit] = i.search('pin', { locale: 'en' });
    expect(hit).toBeDefined();
    expect(hit!.snippet).toContain('&lt;script&gt;');
    expect(hit!.snippet).toContain('&amp;');
    expect(hit!.snippet).not.toMatch(/<(?!\/?mark>)/);
    expect(hit!.snippet).toContain('<mark>PIN</mark>');
  });

  it('builds snippets of about 160 characters around the best passage', () => {
    const filler = 'Lorem ipsum dolor sit amet. '.repeat(20);
    const i = new KnowledgeIndex();
    i.upsert(article({ id: 'long', locale: 'en', title: 'Long', body: `${filler}Your refund arrives in three days. ${filler}` }));
    const [hit] = i.search('refund', { locale: 'en' });
    const plain = hit!.snippet.replace(/<\/?mark>/g, '');
    expect(hit!.snippet).toContain('<mark>refund</mark>');
    expect(plain.length).toBeLessThan(200);
    expect(plain.startsWith('…')).toBe(true);
    expect(plain.endsWith('…')).toBe(true);
  });

  it('replaces on upsert, removes, and counts documents per locale', () => {
    const i = smallIndex();
    const before = i.size;
    i.upsert(article({ id: 'password', locale: 'en', title: 'Passkeys', body: 'Sign in with your fingerprint.' }));
    expect(i.size).toBe(before);
    expect(slugs(i, 'strong password', 'en')).not.toContain('password');
    expect(slugs(i, 'fingerprint', 'en')).toEqual(['password']);
    i.remove('topup', 'id-ID');
    expect(i.size).toBe(before - 1);
    expect(slugs(i, 'isi saldo', 'id-ID')).not.toContain('topup');
    expect(slugs(i, '充值', 'zh-CN')).toContain('topup');
    i.remove('locked');
    expect(i.size).toBe(before - 3);
  });

  it('prefers the fresher of two equal articles', () => {
    const i = new KnowledgeIndex();
    const body = 'How to change your PIN.';
    i.upsert(article({ id: 'old', locale: 'en', title: 'Change PIN', body, updatedAt: new Date('2020-01-01') }));
    i.upsert(article({ id: 'new', locale: 'en', title: 'Change PIN', body, updatedAt: new Date() }));
    expect(slugs(i, 'change pin', 'en')).toEqual(['new', 'old']);
  });

  it('answers empty and hostile queries without throwing', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('the of and', { locale: 'en' })).toEqual([]);
    expect(() => index.search('<script>'.repeat(500))).not.toThrow();
    expect(index.search('transfer', { locale: 'en', limit: 1 })).toHaveLength(1);
  });
});

describe('bundled content', () => {
  let articles: ArticleSource[];
  beforeAll(async () => {
    articles = await loadArticleFolder(BUNDLED_CONTENT_DIR);
  });

  it('has every article in three languages, with valid intents and related links', () => {
    expect(articles.length).toBeGreaterThanOrEqual(25);
    expect(articles.filter((a) => a.visibility === 'internal').length).toBeGreaterThanOrEqual(2);
    const known = new Set(articles.map((a) => a.slug));
    for (const a of articles) {
      for (const locale of ['zh-CN', 'id-ID', 'en'] as const) {
        expect(a.translations[locale].title, `${a.slug} ${locale}`).not.toBe('');
        expect(a.translations[locale].body.length, `${a.slug} ${locale}`).toBeGreaterThan(300);
      }
      for (const i of a.intents) expect(ARTICLE_INTENTS).toContain(i);
      for (const r of a.related) expect(known.has(r), `${a.slug} -> ${r}`).toBe(true);
    }
  });

  it('covers every customer intent of the taxonomy with a public article', () => {
    const covered = new Set(articles.filter((a) => a.visibility === 'public').flatMap((a) => a.intents));
    for (const intent of ARTICLE_INTENTS) expect(covered.has(intent), intent).toBe(true);
  });
});

describe('front-matter loader', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sapa-kb-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const file = (fm: string) => `---\n${fm}\n---\nBody text.\n`;
  const good = 'title: T\ndescription: D\ncategory: getting-help\nintents: [complaint]\nupdated: 2026-11-20';

  it('names the file with invalid front matter', async () => {
    const folder = join(dir, 'bad-article');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'en.md'), file(good));
    await writeFile(join(folder, 'id-ID.md'), file(good.replace('getting-help', 'no-such-category')));
    await writeFile(join(folder, 'zh-CN.md'), file(good));
    await expect(loadArticleFolder(dir)).rejects.toThrow(/bad-article\/id-ID\.md: invalid front matter: category/);
  });

  it('reports a missing translation', async () => {
    await rm(join(dir, 'bad-article', 'id-ID.md'));
    await expect(loadArticleFolder(dir)).rejects.toThrow(/bad-article\/id-ID\.md: missing translation file/);
  });
});

describe('search evaluation', () => {
  it('finds the expected article for real help-center queries', async () => {
    const report = evaluate(await buildBundledIndex(), await loadQueries());
    console.log('kb search evaluation', JSON.stringify(report.byLocale));
    // Floors a few points under the measured figures (README of the module: top-1 / top-3).
    const floors: Record<Locale, { top1: number; top3: number }> = {
      'zh-CN': { top1: 0.88, top3: 0.95 },
      'id-ID': { top1: 0.9, top3: 0.96 },
      en: { top1: 0.9, top3: 0.95 },
    };
    for (const locale of ['zh-CN', 'id-ID', 'en'] as const) {
      expect(report.byLocale[locale].queries, locale).toBeGreaterThanOrEqual(100);
      expect(report.byLocale[locale].top1, `${locale} top-1`).toBeGreaterThanOrEqual(floors[locale].top1);
      expect(report.byLocale[locale].top3, `${locale} top-3`).toBeGreaterThanOrEqual(floors[locale].top3);
    }
  });
});
