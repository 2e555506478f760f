import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_PASSWORD } from '../../demo.js';
import { ApiClient, startNode, type TestNode } from '../../testing.js';

// The account appeal on the "can't reach support?" page, as a browser sends it (a no-JS form): each form is one
// appeal, a second one joins the first while it is open, someone who cannot sign in appeals with a contact, and what
// cannot be a date of birth or an ID's last 4 digits is refused by name with everything typed kept.

let node: TestNode;
let desk: ApiClient;
beforeAll(async () => {
  node = await startNode({ SAPA_DEMO: '1' }, { quiet: true });
  desk = new ApiClient(node.url);
  await desk.asAdmin();
}, 180_000);
afterAll(async () => node?.stop());

type Fields = Record<string, string>;

/** The appeal form as the page renders it: its hidden fields, or undefined when the page has no form. */
function formOf(html: string): { appealToken: string; appealForm: string } | undefined {
  const section = /<section[^>]*id="appeal"[\s\S]*?<\/section>/.exec(html)?.[0];
  if (!section || !section.includes('<form')) return undefined;
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(section)?.[1] ?? '';
  return { appealToken: hidden('appealToken'), appealForm: hidden('appealForm') };
}

async function openForm(browser: ApiClient, locale = 'en') {
  const page = await browser.get(`/help/${locale}/troubleshoot`);
  expect(page.status).toBe(200);
  const form = formOf(page.text);
  expect(form, 'the page shows the appeal form').toBeDefined();
  return { ...form!, page: page.text };
}

/** Posts the form as a browser does: its hidden fields and what was typed (the page itself is not sent). */
const submit = (browser: ApiClient, locale: string, { page: _page, ...fields }: Fields) =>
  browser.post(`/help/${locale}/troubleshoot`, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });

const referenceIn = (html: string) => /SP-[\w-]+/.exec(/role="status"[^>]*>[\s\S]*?<\/p>/.exec(html)?.[0] ?? '')?.[0];

async function caseByReference(reference: string) {
  const list = await desk.get('/api/v1/cases?category=account_locked&limit=100');
  expect(list.status).toBe(200);
  const found = (list.body.items as { id: string; reference: string; tags: string[]; status: string }[]).find((c) => c.reference === reference);
  expect(found, `${reference} is in the agents' queue`).toBeDefined();
  return found!;
}

async function bodiesOf(caseId: string): Promise<string[]> {
  const r = await desk.get(`/api/v1/cases/${caseId}/messages?limit=100`);
  expect(r.status).toBe(200);
  return (r.body.items as { body: string; author: { kind: string } }[]).filter((m) => m.author.kind === 'visitor' || m.author.kind === 'customer').map((m) => m.body);
}

describe('account appeal form', () => {
  it('keeps every appeal from one browser: a resubmitted form is one appeal, a new form is added to the open one', async () => {
    const browser = new ApiClient(node.url);
    const first = await openForm(browser);
    const text1 = `My account was locked after I changed phones ${Date.now()}`;
    const sent = { ...first, contact: 'locked.out@example.test', name: 'Rina Wijaya', message: text1 };
    const opened = await submit(browser, 'en', sent);
    expect(opened.status).toBe(201);
    expect(opened.text).toMatch(/Your appeal SP-[\w-]+ is open/);
    const reference = referenceIn(opened.text)!;
    // The same form again (a double click, a reload of the POST): the same appeal, nothing new.
    const again = await submit(browser, 'en', sent);
    expect(again.status).toBe(201);
    expect(referenceIn(again.text)).toBe(reference);
    expect(again.text).toMatch(/is open/);

    // A new form from the same browser: more details, added to the appeal that is still open.
    const second = await openForm(browser);
    expect(second.appealForm).not.toBe(first.appealForm);
    const text2 = `Adding my ID details: the card ends in 4321 ${Date.now()}`;
    const added = await submit(browser, 'en', { ...second, contact: 'locked.out@example.test', idNumberLast4: '4321', message: text2 });
    expect(added.status).toBe(201);
    expect(added.text).toContain(`Added to your appeal ${reference}`);

    const appeal = await caseByReference(reference);
    const bodies = await bodiesOf(appeal.id);
    expect(bodies.filter((b) => b.includes(text1))).toHaveLength(1);
    expect(bodies.filter((b) => b.includes(text2))).toHaveLength(1);
  });

  it('keeps a signed-in customer’s second appeal too, and opens one case for a double click', async () => {
    const wang = new ApiClient(node.url);
    expect((await wang.login('wang.fang@demo.sapa.test', DEMO_CUSTOMER_PASSWORD)).status).toBe(200);
    const first = await openForm(wang, 'zh-CN');
    // Signed in: the wallet knows how to reach them, so no contact is asked.
    expect(first.page).not.toContain('name="contact"');
    const text1 = `换了手机后账户被冻结了 ${Date.now()}`;
    const [a, b] = await Promise.all([submit(wang, 'zh-CN', { ...first, name: '王芳', message: text1 }), submit(wang, 'zh-CN', { ...first, name: '王芳', message: text1 })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const reference = referenceIn(a.text)!;
    expect(referenceIn(b.text)).toBe(reference);
    const second = await openForm(wang, 'zh-CN');
    const text2 = `补充：我的证件号码后四位是 1234 ${Date.now()}`;
    const added = await submit(wang, 'zh-CN', { ...second, idNumberLast4: '1234', message: text2 });
    expect(added.status).toBe(201);
    expect(added.text).toContain(`已补充到您仍在处理中的申诉 ${reference}`);
    const bodies = await bodiesOf((await caseByReference(reference)).id);
    expect(bodies.filter((x) => x.includes(text1))).toHaveLength(1);
    expect(bodies.filter((x) => x.includes(text2))).toHaveLength(1);
  });

  it('lets a visitor the assistant sends there appeal without signing in, with a contact an agent can answer at', async () => {
    const visitor = new ApiClient(node.url);
    await visitor.asVisitor({ locale: 'zh-CN' });
    const answer = await visitor.post('/api/v1/assistant/messages', { text: '我的账户被封了，登录不了' });
    expect(answer.status).toBe(200);
    const link = new RegExp(`${node.url}/help/zh-CN/troubleshoot#appeal`).exec(answer.body.reply as string)?.[0];
    expect(link, answer.body.reply).toBeDefined();
    expect(answer.body.reply).toContain('无需登录');

    // The link opens in the browser, where the widget's session is not: the page shows that visitor the form.
    const browser = new ApiClient(node.url);
    const page = await browser.get(new URL(link!).pathname);
    expect(page.status).toBe(200);
    const form = formOf(page.text);
    expect(form).toBeDefined();
    expect(page.text).toMatch(/<input id="appeal-contact" name="contact"[^>]* required/);
    expect(page.text).toContain('无需登录即可在此申诉');

    // A contact that is neither an email address nor a phone number is refused by name.
    const text = `账户被锁，无法登录，请帮我核实身份 ${Date.now()}`;
    const wrong = await submit(browser, 'zh-CN', { ...form!, contact: 'wa aja', name: '李娜', message: text });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('联系您的电子邮件或电话号码：');
    expect(wrong.text).toContain('value="wa aja"');
    expect(wrong.text).toContain(`>${text}</textarea>`);

    const opened = await submit(browser, 'zh-CN', { ...form!, contact: '0812-3456-7890', name: '李娜', message: text });
    expect(opened.status).toBe(201);
    expect(opened.text).toMatch(/您的申诉 SP-[\w-]+ 已受理/);
    const appeal = await caseByReference(referenceIn(opened.text)!);
    expect(appeal.tags).toEqual(expect.arrayContaining(['appeal', 'identity_verification']));
    expect(appeal.status).toBe('open');
    const [body] = await bodiesOf(appeal.id);
    expect(body).toContain(text);
    // The phone in the canonical form the rest of Sapa uses, where the agent reads the appeal.
    expect(body).toContain('回复方式：+6281234567890');
  });

  it('refuses a date of birth that cannot be one and an ID that is not 4 digits, by name, keeping what was typed', async () => {
    const browser = new ApiClient(node.url);
    const form = await openForm(browser, 'zh-CN');
    const text = `我的账户被锁了，这是我的资料 ${Date.now()}`;
    for (const dateOfBirth of ['2099-01-01', '1899-12-31', '1990-02-30', '31/12/1990']) {
      const r = await submit(browser, 'zh-CN', { ...form, contact: 'li.na@example.test', name: '李娜', dateOfBirth, idNumberLast4: '12', message: text });
      expect(r.status, dateOfBirth).toBe(400);
      expect(r.text).toContain('出生日期：请填写真实的日期');
      expect(r.text).toContain('证件号码后 4 位：请填写正好 4 位数字');
      for (const kept of [`value="${dateOfBirth}"`, 'value="12"', 'value="李娜"', 'value="li.na@example.test"', `>${text}</textarea>`]) expect(r.text, kept).toContain(kept);
      expect(r.text).toMatch(/id="appeal-dob"[^>]*aria-invalid="true"/);
    }
    // Nothing was opened for them.
    const list = await desk.get('/api/v1/cases?category=account_locked&limit=100');
    expect(JSON.stringify(list.body)).not.toContain('li.na@example.test');

    const en = await openForm(browser);
    const r = await submit(browser, 'en', { ...en, contact: 'li.na@example.test', dateOfBirth: '2099-01-01', message: 'Locked' });
    expect(r.status).toBe(400);
    expect(r.text).toContain('Date of birth: enter a real date');

    // The JSON API refuses them the same way.
    const api = await new ApiClient(node.url).post('/api/v1/support/appeals', { message: 'Locked out', contact: 'li.na@example.test', dateOfBirth: '2099-01-01' });
    expect(api.status).toBe(400);
    expect(api.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'body.dateOfBirth' })]));
    const noContact = await new ApiClient(node.url).post('/api/v1/support/appeals', { message: 'Locked out', contact: 'call me' });
    expect(noContact.status).toBe(400);
  });

  it('names the identity details given in the case’s language', async () => {
    for (const [locale, expected, english] of [
      ['zh-CN', /已提供的身份信息：姓名、联系方式和出生日期/, /dateOfBirth|name,/],
      ['id-ID', /Data identitas yang diberikan: nama lengkap, kontak, dan tanggal lahir/, /dateOfBirth|name,/],
    ] as const) {
      const browser = new ApiClient(node.url);
      const form = await openForm(browser, locale);
      const text = `appeal ${locale} ${Date.now()}`;
      const r = await submit(browser, locale, { ...form, contact: `x${Date.now()}@example.test`, name: 'Sari', dateOfBirth: '1990-05-17', message: text });
      expect(r.status).toBe(201);
      const [body] = await bodiesOf((await caseByReference(referenceIn(r.text)!)).id);
      expect(body).toMatch(expected);
      expect(body).not.toMatch(english);
    }
  });

  it('adds a second appeal sent through the API to the open one, and opens a new one once it is resolved', async () => {
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer('Dewi', 'id-ID');
    const first = await customer.post('/api/v1/support/appeals', { message: 'Akun saya dibatasi', locale: 'id-ID' });
    expect(first.status).toBe(201);
    expect(first.body.added).toBe(false);
    const second = await customer.post('/api/v1/support/appeals', { message: 'Ini data KTP saya', idNumberLast4: '9876', locale: 'id-ID' });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ added: true, case: { id: first.body.case.id } });
    expect(second.body.next).toContain(`Ditambahkan ke banding Anda ${first.body.case.reference}`);
    expect((await bodiesOf(first.body.case.id)).some((b) => b.startsWith('Ini data KTP saya'))).toBe(true);
    expect((await desk.patch(`/api/v1/cases/${first.body.case.id}`, { status: 'resolved' })).status).toBe(200);
    const third = await customer.post('/api/v1/support/appeals', { message: 'Masih terkunci', locale: 'id-ID' });
    expect(third.body.added).toBe(false);
    expect(third.body.case.id).not.toBe(first.body.case.id);
  });

  it('limits anonymous appeals per address, in the page’s language', async () => {
    let limited: Awaited<ReturnType<typeof submit>> | undefined;
    for (let i = 0; i < 12 && !limited; i++) {
      const browser = new ApiClient(node.url);
      const form = await openForm(browser, 'id-ID');
      const r = await submit(browser, 'id-ID', { ...form, contact: `flood${i}@example.test`, message: `banding ${i}` });
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(201);
    }
    expect(limited, 'a flood from one address is limited').toBeDefined();
    expect(limited!.text).toContain('Terlalu banyak banding dikirim dari jaringan ini');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Signed-in customers are not counted against the address.
    const wang = new ApiClient(node.url);
    await wang.login('wang.fang@demo.sapa.test', DEMO_CUSTOMER_PASSWORD);
    const form = await openForm(wang);
    expect((await submit(wang, 'en', { ...form, message: `still locked ${Date.now()}` })).status).toBe(201);

    // The JSON API counts its own anonymous appeals the same way.
    let apiLimited: { status: number; body: { error: { code: string } } } | undefined;
    for (let i = 0; i < 12 && !apiLimited; i++) {
      const r = await new ApiClient(node.url).post('/api/v1/support/appeals', { message: `locked ${i}`, contact: `api${i}@example.test` });
      if (r.status === 429) apiLimited = r;
      else expect(r.status).toBe(201);
    }
    expect(apiLimited?.body.error.code).toBe('rate_limited');
  });
});
