import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_PASSWORD } from '../../demo.js';
import { ApiClient, startNode, uid, type TestNode } from '../../testing.js';

// "Which channel works now", appeals for locked accounts and the troubleshooter's server side, on a node with the
// demo data (wang.fang@demo.sapa.test has a locked wallet account).

let node: TestNode;
const decodeEntities = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
beforeAll(async () => {
  node = await startNode({ SAPA_DEMO: '1', SAPA_MIN_APP_VERSION: '5.0.0' }, { quiet: true });
}, 180_000);
afterAll(async () => node?.stop());

type Item = { id: string; available: boolean; contact?: string; reasonCode?: string; notice?: string; hours: string; expectedResponse: string; openNow: boolean; nextOpenAt: string | null };
const channels = async (c: ApiClient, lang = 'en') => (await c.get('/api/v1/support/channels', { 'accept-language': lang })).body as { items: Item[]; account: { state: string; message: string } | null };

describe('support channels', () => {
  it('lists every channel with hours and expected response in the caller’s language', async () => {
    const { items } = await channels(new ApiClient(node.url), 'zh-CN');
    // The demo data gives the wallet's 24-hour security line a number; without one it is not listed (below).
    expect(items.map((i) => i.id).sort()).toEqual(['assistant', 'community_forum', 'email', 'help_center', 'live_chat', 'phone_callback', 'security_line', 'telegram', 'whatsapp']);
    expect(items.find((i) => i.id === 'security_line')).toMatchObject({ available: true, contact: '+62 21 5095 0247', hours: '全天 24 小时' });
    const assistant = items.find((i) => i.id === 'assistant')!;
    expect(assistant).toMatchObject({ available: true, hours: '全天 24 小时', expectedResponse: '即时回答' });
    expect(items.find((i) => i.id === 'email')!.expectedResponse).toBe('通常 24 小时内回复');
    // Working channels come first.
    const firstUnavailable = items.findIndex((i) => !i.available);
    expect(firstUnavailable === -1 || items.slice(firstUnavailable).every((i) => !i.available)).toBe(true);
  });

  it('does not offer channels this process cannot receive or answer on, and tells admins what to set', async () => {
    // This node has no WhatsApp, Telegram or email settings at all (as `SAPA_DEMO=1` alone): listed, not available.
    const { items } = await channels(new ApiClient(node.url));
    for (const id of ['whatsapp', 'telegram', 'email']) {
      expect(items.find((i) => i.id === id), id).toMatchObject({ available: false, reasonCode: 'not_configured', reason: 'Not offered by this service at the moment. Please use another channel.' });
    }
    const firstUnavailable = items.findIndex((i) => !i.available);
    expect(items.slice(firstUnavailable).every((i) => !i.available)).toBe(true);
    expect(items.filter((i) => i.available).map((i) => i.id)).toEqual(expect.arrayContaining(['live_chat', 'assistant', 'community_forum', 'help_center']));
    expect((await channels(new ApiClient(node.url), 'zh-CN')).items.find((i) => i.id === 'telegram')).toMatchObject({ available: false, reason: '本服务目前未开通此渠道，请使用其他渠道。' });

    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const settings = (await admin.get('/api/v1/support/settings')).body.items as { id: string; unavailable: string | null }[];
    const why = (id: string) => settings.find((c) => c.id === id)!.unavailable;
    expect(why('whatsapp')).toMatch(/SAPA_WHATSAPP_APP_SECRET.*SAPA_WHATSAPP_TOKEN and SAPA_WHATSAPP_PHONE_NUMBER_ID/);
    expect(why('telegram')).toMatch(/SAPA_TELEGRAM_SECRET.*SAPA_TELEGRAM_BOT_TOKEN/);
    expect(why('email')).toMatch(/SAPA_SMTP_PORT and SAPA_EMAIL_DOMAIN.*SAPA_IMAP_URL.*SAPA_SMTP_URL/);
    expect(why('live_chat')).toBeNull();
    // The assistant's answers list them as they are.
    const v = new ApiClient(node.url);
    await v.asVisitor();
    const reply = (await v.post('/api/v1/assistant/messages', { text: 'how can I contact you? do you have whatsapp or telegram?' })).body.reply as string;
    for (const name of ['WhatsApp', 'Telegram']) expect(reply).toContain(`• ${name}: not available now (Not offered by this service at the moment.`);
    expect(reply).not.toMatch(/• (WhatsApp|Telegram|Email): available now/);
  });

  it('links every channel to an address that answers, in every language: chat opens on the help center', async () => {
    const wang = new ApiClient(node.url);
    await wang.login('wang.fang@demo.sapa.test', DEMO_CUSTOMER_PASSWORD);
    for (const locale of ['en', 'id-ID', 'zh-CN']) {
      const { items } = (await wang.get(`/api/v1/support/channels?locale=${locale}`)).body as { items: (Item & { url?: string })[] };
      const linked = items.filter((i) => i.url);
      // The locked account's appeal too, and the callback booking page; email, phones and messengers are reached by their contact.
      expect(linked.map((i) => i.id).sort()).toEqual(['account_appeal', 'assistant', 'community_forum', 'help_center', 'live_chat', 'phone_callback']);
      for (const { id, url } of linked) {
        const res = await fetch(new URL(url!, node.url)); // redirects followed
        expect({ id, url, status: res.status }).toEqual({ id, url, status: 200 });
      }
      // The help center opens the widget for #chat; without JavaScript the fragment is its list of ways to reach us.
      expect(items.find((i) => i.id === 'live_chat')!.url).toBe(`/help/${locale}#chat`);
      expect(items.find((i) => i.id === 'assistant')!.url).toBe(`/help/${locale}#chat`);
      expect(items.find((i) => i.id === 'help_center')!.url).toBe(`/help/${locale}`);
      expect(items.find((i) => i.id === 'phone_callback')!.url).toBe(`/help/${locale}/callback`);
      expect(await (await fetch(`${node.url}/help/${locale}`)).text()).toMatch(/<aside class="card contact" id="chat"/);
    }
  });

  it('tells admins what to set in the language they ask in', async () => {
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const settings = (await admin.get('/api/v1/support/settings?locale=zh-CN')).body.items as { id: string; unavailable: string | null }[];
    expect(settings.find((c) => c.id === 'whatsapp')!.unavailable).toBe('WhatsApp 消息无法接收：请设置 SAPA_WHATSAPP_APP_SECRET（未设置时所有 webhook 都会被拒绝）。WhatsApp 尚未配置：请设置 SAPA_WHATSAPP_TOKEN 和 SAPA_WHATSAPP_PHONE_NUMBER_ID。');
    expect(settings.find((c) => c.id === 'email')!.unavailable).toMatch(/^邮件无法接收：.*SAPA_IMAP_URL.*外发邮件尚未配置：未设置 SAPA_SMTP_URL/);
    const assistant = (await admin.get('/api/v1/support/settings/assistant?locale=id-ID')).body as { unavailable: Record<string, string | null> };
    expect(assistant.unavailable).toEqual({
      whatsapp: expect.stringMatching(/^Pesan WhatsApp tidak bisa masuk: isi SAPA_WHATSAPP_APP_SECRET/),
      telegram: 'Pesan Telegram tidak bisa masuk: isi SAPA_TELEGRAM_SECRET (tanpa itu setiap webhook ditolak). Telegram belum dikonfigurasi: isi SAPA_TELEGRAM_BOT_TOKEN.',
      app: expect.stringMatching(/^Pesan dari aplikasi tidak bisa masuk: .*Kanal aplikasi belum dikonfigurasi: isi SAPA_APP_WEBHOOK_URL dan SAPA_APP_WEBHOOK_SECRET\.$/),
    });
    // Without a language asked for, the admin's own (English here), as before.
    expect((await admin.get('/api/v1/support/settings/assistant')).body.unavailable.telegram).toBe('Telegram messages cannot come in: set SAPA_TELEGRAM_SECRET (every webhook is refused without it). Telegram is not configured: set SAPA_TELEGRAM_BOT_TOKEN.');
  });

  it('offers those channels where the process is configured for them', async () => {
    const configured = await startNode(
      {
        SAPA_WHATSAPP_APP_SECRET: 'wa-secret',
        SAPA_WHATSAPP_TOKEN: 'wa-token',
        SAPA_WHATSAPP_PHONE_NUMBER_ID: '1555000',
        SAPA_TELEGRAM_SECRET: 'tg-secret',
        SAPA_TELEGRAM_BOT_TOKEN: '123:abc',
        SAPA_SMTP_PORT: '0',
        SAPA_EMAIL_DOMAIN: 'support.example',
        SAPA_SMTP_URL: 'smtp://127.0.0.1:2',
      },
      { quiet: true },
    );
    try {
      const { items } = await channels(new ApiClient(configured.url));
      for (const id of ['whatsapp', 'telegram', 'email']) expect(items.find((i) => i.id === id), id).toMatchObject({ available: true });
      expect(items.find((i) => i.id === 'email')).toMatchObject({ contact: 'support@support.example' });
      const admin = new ApiClient(configured.url);
      await admin.asAdmin();
      const settings = (await admin.get('/api/v1/support/settings')).body.items as { id: string; unavailable: string | null; contact?: string }[];
      expect(settings.every((c) => c.unavailable === null)).toBe(true);
      // The console sends back the address it shows: saved unchanged, it still follows SAPA_EMAIL_DOMAIN (it is not
      // stored); another address is.
      const email = settings.find((c) => c.id === 'email')!;
      const same = await admin.put('/api/v1/support/settings/channels/email', { enabled: true, contact: email.contact, expectedResponseMinutes: 600 });
      expect(same.status).toBe(200);
      expect(same.body.settings).toEqual({ enabled: true, expectedResponseMinutes: 600 });
      const other = await admin.put('/api/v1/support/settings/channels/email', { contact: 'help@wallet.example' });
      expect(other.body.settings).toEqual({ contact: 'help@wallet.example' });
      expect((await channels(new ApiClient(configured.url))).items.find((i) => i.id === 'email')).toMatchObject({ contact: 'help@wallet.example' });
      // Where email works, the troubleshooter may send a locked account there.
      expect(remedyOf(await (await fetch(`${configured.url}/help/en/troubleshoot`)).text(), 'A restricted or locked account')).toMatch(/a channel that works right now: .*\bEmail\b/);
    } finally {
      await configured.stop();
    }
  });

  it('lists the security line only once an admin has given its number', async () => {
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    try {
      expect((await admin.put('/api/v1/support/settings/channels/security_line', {})).status).toBe(200);
      expect((await channels(new ApiClient(node.url))).items.map((i) => i.id)).not.toContain('security_line');
      expect((await admin.put('/api/v1/support/settings/channels/security_line', { contact: '1500-000' })).status).toBe(200);
      expect((await channels(new ApiClient(node.url))).items.find((i) => i.id === 'security_line')).toMatchObject({ available: true, contact: '1500-000' });
    } finally {
      await admin.put('/api/v1/support/settings/channels/security_line', { contact: '+62 21 5095 0247' });
    }
  });

  it('applies business hours an admin sets, and puts working channels first', async () => {
    const a = new ApiClient(node.url);
    await a.asAdmin();
    // A window that is never now: the phone line closes and says when it opens; chat stays usable with a notice.
    const hour = new Date().getUTCHours();
    const closed = { timezone: 'UTC', windows: [{ days: [0, 1, 2, 3, 4, 5, 6], open: `${String((hour + 2) % 24).padStart(2, '0')}:00`, close: `${String((hour + 2) % 24).padStart(2, '0')}:30` }] };
    expect((await a.put('/api/v1/support/settings/channels/phone_callback', { hours: closed })).status).toBe(200);
    expect((await a.put('/api/v1/support/settings/channels/live_chat', { hours: closed, expectedResponseMinutes: 3 })).status).toBe(200);
    const { items } = await channels(new ApiClient(node.url));
    const phone = items.find((i) => i.id === 'phone_callback')!;
    expect(phone).toMatchObject({ available: false, reasonCode: 'closed', openNow: false });
    expect(Date.parse(phone.nextOpenAt!)).toBeGreaterThan(Date.now());
    expect(Date.parse(phone.nextOpenAt!) - Date.now()).toBeLessThan(3 * 3600_000);
    const firstClosed = items.findIndex((i) => !i.available);
    expect(items.slice(firstClosed).every((i) => !i.available)).toBe(true);
    expect(items.slice(firstClosed).map((i) => i.id)).toContain('phone_callback');
    const chat = items.find((i) => i.id === 'live_chat')!;
    expect(chat).toMatchObject({ available: true, openNow: false });
    expect(chat.notice).toMatch(/Outside agents’ hours/);
    expect(chat.expectedResponse).toMatch(/An agent replies from/);

    expect((await a.put('/api/v1/support/settings/channels/phone_callback', { hours: { alwaysOpen: true }, contact: '+62 21 5000 123' })).status).toBe(200);
    const after = await channels(new ApiClient(node.url));
    expect(after.items.find((i) => i.id === 'phone_callback')).toMatchObject({ available: true, contact: '+62 21 5000 123' });
    await a.delete('/api/v1/support/settings/channels/phone_callback');
    await a.delete('/api/v1/support/settings/channels/live_chat');

    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    expect((await customer.put('/api/v1/support/settings/channels/email', { enabled: false })).status).toBe(403);
    const bad = await a.put('/api/v1/support/settings/channels/email', { hours: { timezone: 'Mars/Olympus' } });
    expect(bad.status).toBe(400);
  });

  it('refuses business hours that would never be open with a 422 naming the window, in the caller’s language', async () => {
    const a = new ApiClient(node.url);
    await a.asAdmin();
    const good = { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' };
    const backwards = await a.put('/api/v1/support/settings/channels/phone_callback', { hours: { windows: [good, { days: [6], open: '15:00', close: '09:00' }] } });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error).toMatchObject({ code: 'hours_close_before_open', message: 'Opening hours, window 2: the closing time must be later than the opening time.', details: { window: 2, field: 'body.hours.windows.1.close' } });
    // The console asks in the language on screen (the agent's saved one can lag a switch).
    const same = await a.put('/api/v1/support/settings/channels/phone_callback?locale=id-ID', { hours: { windows: [{ ...good, close: '09:00' }] } });
    expect(same.status).toBe(422);
    expect(same.body.error.message).toBe('Jam layanan, rentang ke-1: jam tutup harus lebih lambat dari jam buka.');
    const noDays = await a.put('/api/v1/support/settings/channels/phone_callback?locale=zh-CN', { hours: { windows: [{ ...good, days: [] }] } });
    expect(noDays.status).toBe(422);
    expect(noDays.body.error).toMatchObject({ code: 'hours_no_days', message: '服务时间第 1 段：请至少选择一天。' });
    // Nothing was saved: the phone line keeps its default hours.
    const settings = (await a.get('/api/v1/support/settings')).body.items as { id: string; hours: unknown }[];
    expect(settings.find((c) => c.id === 'phone_callback')!.hours).toEqual({ windows: [{ days: [1, 2, 3, 4, 5, 6], open: '09:00', close: '18:00' }] });
    // Until midnight is a window that closes after it opens.
    try {
      expect((await a.put('/api/v1/support/settings/channels/phone_callback', { hours: { windows: [{ ...good, open: '20:00', close: '24:00' }] } })).status).toBe(200);
    } finally {
      await a.delete('/api/v1/support/settings/channels/phone_callback');
    }
  });

  it('refuses a security line offered without its number, and takes one with it or switched off', async () => {
    const a = new ApiClient(node.url);
    await a.asAdmin();
    const bare = await a.put('/api/v1/support/settings/channels/security_line?locale=id-ID', { enabled: true });
    expect(bare.status).toBe(422);
    expect(bare.body.error).toMatchObject({ code: 'security_line_needs_number', message: expect.stringMatching(/^Saluran keamanan perlu nomor teleponnya/), details: { field: 'body.contact' } });
    try {
      expect((await a.put('/api/v1/support/settings/channels/security_line', { enabled: false })).status).toBe(200);
      expect((await a.put('/api/v1/support/settings/channels/security_line', { contact: '+62 21 5000 0247' })).status).toBe(200);
      const line = ((await a.get('/api/v1/support/settings')).body.items as { id: string; enabled: boolean; contact?: string }[]).find((c) => c.id === 'security_line');
      expect(line).toMatchObject({ enabled: true, contact: '+62 21 5000 0247' });
    } finally {
      await a.put('/api/v1/support/settings/channels/security_line', { contact: '+62 21 5095 0247' });
    }
  });

  it('keeps the desk’s holidays: channels with hours close all day and say why, 24/7 ones stay open', async () => {
    const a = new ApiClient(node.url);
    await a.asAdmin();
    // Today and tomorrow in the desk's zone (Asia/Jakarta), whatever the hour: a holiday is a whole local day.
    const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + offset * 86400_000));
    try {
      const saved = await a.put('/api/v1/support/settings/holidays', { items: [{ date: day(1), name: 'Cuti bersama' }, { date: day(0), name: ' Hari Raya ' }] });
      expect(saved.status).toBe(200);
      expect(saved.body.items).toEqual([{ date: day(0), name: 'Hari Raya' }, { date: day(1), name: 'Cuti bersama' }]);
      expect((await a.get('/api/v1/support/settings')).body.holidays).toEqual(saved.body.items);

      const list = (await new ApiClient(node.url).get('/api/v1/support/channels?locale=id-ID')).body as { items: (Item & { holiday?: string; reason?: string })[]; meta: { holidays: unknown } };
      expect(list.meta.holidays).toEqual(saved.body.items);
      // Chat keeps its door open (the assistant answers) and says who is off and until when: two days on.
      const chat = list.items.find((i) => i.id === 'live_chat')!;
      expect(chat).toMatchObject({ available: true, openNow: false, holiday: 'Hari Raya' });
      expect(chat.notice).toMatch(/^Agen libur hari ini \(Hari Raya\): asisten langsung menjawab dan agen membalas mulai /);
      expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(chat.nextOpenAt!))).toBe(day(2));
      // The callback line is closed with the holiday named (or, on a Saturday, opens on the Monday after).
      const phone = list.items.find((i) => i.id === 'phone_callback')!;
      expect(phone).toMatchObject({ available: false, reasonCode: 'closed', holiday: 'Hari Raya' });
      expect(phone.reason).toMatch(/^Tutup hari ini karena Hari Raya; buka /);
      expect(Date.parse(phone.nextOpenAt!)).toBeGreaterThan(Date.parse(chat.nextOpenAt!) - 1);
      // What is open around the clock is open on holidays too.
      expect(list.items.find((i) => i.id === 'assistant')).toMatchObject({ available: true, openNow: true });
      expect(list.items.find((i) => i.id === 'assistant')).not.toHaveProperty('holiday');

      // The assistant's hand-over says who is off today and when a person answers.
      const v = new ApiClient(node.url);
      await v.asVisitor();
      const handoff = (await v.post('/api/v1/assistant/messages', { text: 'saya mau bicara dengan agen manusia', locale: 'id-ID' })).body;
      expect(handoff.handoff).toBe(true);
      expect(handoff.reply).toMatch(/Hari ini agen libur \(Hari Raya\); petugas akan menjawab mulai /);
      // "Open on public holidays?" names the desk's days off instead of "holidays included".
      const other = new ApiClient(node.url);
      await other.asVisitor();
      const asked = (await other.post('/api/v1/assistant/messages', { text: 'CS buka ga kalo tanggal merah?', locale: 'id-ID' })).body.reply as string;
      expect(asked).toMatch(/^Hari ini petugas libur \(Hari Raya\); petugas akan menjawab mulai /);
      expect(asked).toMatch(/kecuali di hari libur ini: .*\(Hari Raya\) dan .*\(Cuti bersama\)/);
      expect(asked).not.toMatch(/termasuk akhir pekan dan tanggal merah/);
    } finally {
      await a.put('/api/v1/support/settings/holidays', { items: [] });
    }
    expect((await new ApiClient(node.url).get('/api/v1/support/channels')).body.meta.holidays).toEqual([]);
  });

  it('refuses a holiday list with a date that does not exist or comes twice, in the caller’s language, keeping the saved one', async () => {
    const a = new ApiClient(node.url);
    await a.asAdmin();
    const kept = [{ date: '2030-12-25', name: 'Natal' }];
    try {
      expect((await a.put('/api/v1/support/settings/holidays', { items: kept })).status).toBe(200);
      const feb30 = await a.put('/api/v1/support/settings/holidays?locale=id-ID', { items: [...kept, { date: '2031-02-30', name: 'x' }] });
      expect(feb30.status).toBe(422);
      expect(feb30.body.error).toMatchObject({ code: 'holiday_invalid_date', message: 'Hari libur: tanggal 2031-02-30 tidak ada di kalender.', details: { field: 'body.items.1.date' } });
      const twice = await a.put('/api/v1/support/settings/holidays?locale=zh-CN', { items: [...kept, { date: '2030-12-25', name: '圣诞节' }] });
      expect(twice.status).toBe(422);
      expect(twice.body.error).toMatchObject({ code: 'holiday_duplicate_date', message: '节假日：2030-12-25 重复了。', details: { field: 'body.items.1.date' } });
      expect((await a.put('/api/v1/support/settings/holidays', { items: [{ date: '25/12/2030', name: 'Natal' }] })).status).toBe(400);
      expect((await a.put('/api/v1/support/settings/holidays', { items: [{ date: '2030-12-26', name: '  ' }] })).status).toBe(400);
      expect((await a.get('/api/v1/support/settings')).body.holidays).toEqual(kept);
      // Admins only.
      const customer = new ApiClient(node.url);
      await customer.asNewCustomer();
      expect((await customer.put('/api/v1/support/settings/holidays', { items: [] })).status).toBe(403);
    } finally {
      await a.put('/api/v1/support/settings/holidays', { items: [] });
    }
  });

  it('tells a locked account so and keeps the appeal path open', async () => {
    const wang = new ApiClient(node.url);
    expect((await wang.login('wang.fang@demo.sapa.test', DEMO_CUSTOMER_PASSWORD)).status).toBe(200);
    const list = await channels(wang, 'zh-CN');
    expect(list.account).toMatchObject({ state: 'locked' });
    expect(list.account!.message).toMatch(/冻结/);
    expect(list.items[0]).toMatchObject({ id: 'account_appeal', available: true });
    expect(list.items.filter((i) => i.available).length).toBeGreaterThan(3);

    const appeal = await wang.post('/api/v1/support/appeals', { message: '我换了新手机后账户被冻结了，请帮我解冻。', name: '王芳', idNumberLast4: '1234' });
    expect(appeal.status).toBe(201);
    expect(appeal.body.case).toMatchObject({ category: 'account_locked', status: 'open' });
    expect(appeal.body.account).toMatchObject({ state: 'locked' });
    const mine = await wang.get(`/api/v1/cases/${appeal.body.case.id}`);
    expect(mine.status).toBe(200);
    // Marked as an appeal for the team; the customer's copy carries no team labels.
    expect(mine.body.tags).toEqual([]);
    const desk = new ApiClient(node.url);
    await desk.asAdmin();
    expect((await desk.get(`/api/v1/cases/${appeal.body.case.id}`)).body.tags).toContain('appeal');

    const budi = new ApiClient(node.url);
    await budi.login('budi@demo.sapa.test', DEMO_CUSTOMER_PASSWORD);
    expect((await channels(budi)).account).toBeNull();
  });

  it('lets someone who cannot sign in appeal as a visitor, with a contact', async () => {
    const anon = new ApiClient(node.url);
    const missing = await anon.post('/api/v1/support/appeals', { message: 'Locked out' });
    expect(missing.status).toBe(400);
    const r = await anon.post('/api/v1/support/appeals', { message: 'My account is blocked', contact: 'me@example.test', locale: 'id-ID' });
    expect(r.status).toBe(201);
    expect(r.body.token).toBeTruthy();
    expect(r.body.next).toMatch(/Banding Anda/);
    const follow = new ApiClient(node.url);
    follow.bearer = r.body.token;
    expect((await follow.get(`/api/v1/cases/${r.body.case.id}`)).body.category).toBe('account_locked');
  });
});

/** The troubleshooter page's remedy for a cause (by its heading), as text. */
const remedyOf = (html: string, cause: string) => new RegExp(`<h3>${cause}</h3><p>([^<]*)</p>`).exec(html)?.[1] ?? '';
/** The troubleshooter page's advice ("What you can do"), as text. */
const adviceOf = (html: string) => /<ul class="findings" id="ts-known">[\s\S]*?<\/ul>\s*<h3>[^<]*<\/h3><ul>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';

describe('diagnostics', () => {
  const report = {
    network: { apiReachable: true, websocket: false, longPolling: true, latencyMs: 1400 },
    browser: { userAgent: 'Mozilla/5.0 (Linux; Android 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.110 Mobile Safari/537.36', cookies: false, storage: true },
    app: { version: '4.9.2', platform: 'android' },
    clientTime: new Date(Date.now() - 3600_000).toISOString(),
    device: { model: 'Redmi 9', screen: '720x1600' },
  };

  it('answers with findings, advice and channels in the caller’s language', async () => {
    const r = await new ApiClient(node.url).post('/api/v1/diagnostics', report, { 'accept-language': 'zh-CN' });
    expect(r.status).toBe(200);
    const codes = r.body.findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['websocket_blocked', 'high_latency', 'cookies_disabled', 'browser_outdated', 'clock_skew', 'app_outdated']));
    expect(codes).not.toContain('all_clear');
    const ws = r.body.findings.find((f: { code: string }) => f.code === 'websocket_blocked');
    expect(ws.message).toBe('您的网络屏蔽了实时连接（WebSocket）；在线客服仍可在较慢的模式下使用。');
    expect(r.body.findings.find((f: { code: string }) => f.code === 'clock_skew').message).toMatch(/6\d 分钟/);
    expect(r.body.advice.join('')).toMatch(/更新/);
    expect(r.body.channels.length).toBeGreaterThan(3);
    expect(r.body.minAppVersion).toBe('5.0.0');

    const fine = await new ApiClient(node.url).post('/api/v1/diagnostics', {
      locale: 'id-ID',
      network: { apiReachable: true, websocket: true, latencyMs: 80 },
      browser: { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36', cookies: true, storage: true },
      app: { version: '5.10.0' },
      clientTime: new Date().toISOString(),
    });
    const fineCodes = fine.body.findings.map((f: { code: string }) => f.code);
    expect(fineCodes).not.toContain('app_outdated');
    expect(fineCodes).not.toContain('browser_outdated');
    expect(fineCodes).not.toContain('clock_skew');
  });

  it('includes what Sapa knows: an incident on live chat and a locked account', async () => {
    const a = new ApiClient(node.url);
    await a.asAdmin();
    const inc = await a.post('/api/v1/status/incidents', { title: 'Chat down', titles: { 'zh-CN': '在线客服中断' }, impact: 'major', message: 'x', components: [{ id: 'live_chat', status: 'major_outage' }] });
    try {
      const wang = new ApiClient(node.url);
      await wang.login('wang.fang@demo.sapa.test', DEMO_CUSTOMER_PASSWORD);
      const r = await wang.post('/api/v1/diagnostics', { network: { apiReachable: true } });
      const codes = r.body.findings.map((f: { code: string }) => f.code);
      expect(codes).toEqual(expect.arrayContaining(['incident_active', 'live_chat_unavailable', 'account_locked']));
      expect(r.body.findings.find((f: { code: string }) => f.code === 'incident_active').message).toContain('在线客服中断');
      expect(r.body.channels.find((c: { id: string }) => c.id === 'live_chat').available).toBe(false);
    } finally {
      await a.post(`/api/v1/status/incidents/${inc.body.id}/updates`, { status: 'resolved', message: 'ok' });
    }
  });

  it('advises only the channels that work right now, as the list beside it shows them, in the reader’s language', async () => {
    const a = new ApiClient(node.url);
    await a.asAdmin();
    const inc = await a.post('/api/v1/status/incidents', { title: 'Chat down', impact: 'major', message: 'x', components: [{ id: 'live_chat', status: 'major_outage' }] });
    try {
      for (const [lang, lead] of [['en', 'Try another channel that works right now: '], ['id-ID', 'Coba saluran lain yang berfungsi saat ini: ']]) {
        const list = (await channels(new ApiClient(node.url), lang)).items as (Item & { name: string })[];
        const working = list.filter((i) => i.available && ['assistant', 'phone_callback', 'community_forum'].includes(i.id)).map((i) => i.name);
        const down = list.filter((i) => !i.available).map((i) => i.name);
        // Email, WhatsApp and Telegram are not configured on this node, and chat is down.
        expect(down.length).toBeGreaterThanOrEqual(4);
        const r = await new ApiClient(node.url).post('/api/v1/diagnostics', { network: { apiReachable: true } }, { 'accept-language': lang });
        const page = await (await fetch(`${node.url}/help/${lang}/troubleshoot`)).text();
        for (const advice of [r.body.advice.find((x: string) => x.startsWith(lead)) as string | undefined, decodeEntities(adviceOf(page))]) {
          expect(advice, lang).toContain(lead);
          for (const name of working) expect(advice, lang).toContain(name);
          for (const name of down) expect(advice, lang).not.toContain(name);
          expect(advice, lang).not.toMatch(/email|WhatsApp|Telegram/i);
        }
      }
    } finally {
      await a.post(`/api/v1/status/incidents/${inc.body.id}/updates`, { status: 'resolved', message: 'ok' });
    }
    // On a normal day, in Chinese: a locked account is not sent to email, which is not offered here.
    const page = await (await fetch(`${node.url}/help/zh-CN/troubleshoot`)).text();
    expect(page).toMatch(/data-channel="email" data-available="false"/);
    const remedy = remedyOf(page, '账户被限制或冻结');
    expect(remedy).toMatch(/^您始终可以通过身份验证提出申诉来联系我们，也可以使用目前可用的渠道：.*Sapa 智能助手（24 小时）/);
    expect(remedy).not.toContain('电子邮件');
  });

  it('stores the report, attaches it to the owner’s case with a summary, and shows it to agents only', async () => {
    const c = new ApiClient(node.url);
    await c.asNewCustomer('Diag Owner', 'en');
    const kase = await c.post('/api/v1/cases', { message: { body: 'Chat does not load', clientMessageId: uid() } });
    const r = await c.post('/api/v1/diagnostics', report);
    expect(r.status).toBe(200);

    const stranger = new ApiClient(node.url);
    await stranger.asNewCustomer();
    expect((await stranger.post(`/api/v1/diagnostics/${r.body.id}/attach`, { caseId: kase.body.id })).status).toBe(404);

    const attached = await c.post(`/api/v1/diagnostics/${r.body.id}/attach`, { caseId: kase.body.id });
    expect(attached.status).toBe(200);
    const again = await c.post(`/api/v1/diagnostics/${r.body.id}/attach`, { caseId: kase.body.id });
    expect(again.body.messageId).toBe(attached.body.messageId);
    const messages = await c.get(`/api/v1/cases/${kase.body.id}/messages?afterSeq=0`);
    const summary = messages.body.items.find((m: { id: string }) => m.id === attached.body.messageId);
    expect(summary.author.kind).toBe('system');
    expect(summary.body).toMatch(/Android 9/);
    expect(summary.body).toMatch(/Chrome 70/);
    expect(summary.body).toMatch(/WebSocket failed/);
    expect(summary.body).toMatch(/1400 ms/);
    expect(summary.body).toContain(report.clientTime);

    expect((await c.get(`/api/v1/cases/${kase.body.id}/diagnostics`)).status).toBe(403);
    const agent = new ApiClient(node.url);
    await agent.asAdmin();
    const seen = await agent.get(`/api/v1/cases/${kase.body.id}/diagnostics`);
    expect(seen.body.items).toHaveLength(1);
    expect(seen.body.items[0].report.device).toMatchObject({ model: 'Redmi 9' });

    // A report that names the case at once is attached in the same call.
    const direct = await c.post('/api/v1/diagnostics', { ...report, caseId: kase.body.id });
    expect(direct.body.attachedTo).toBe(kase.body.id);
    expect((await agent.get(`/api/v1/cases/${kase.body.id}/diagnostics`)).body.items).toHaveLength(2);
    expect((await stranger.post('/api/v1/diagnostics', { ...report, caseId: kase.body.id })).status).toBe(404);
  });

  it('refuses anything but JSON and bounds what it stores', async () => {
    const form = await fetch(`${node.url}/api/v1/diagnostics`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const huge = await new ApiClient(node.url).post('/api/v1/diagnostics', { device: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v'])) });
    expect(huge.status).toBe(400);
  });
});

describe('troubleshooter page', () => {
  it('works without JavaScript: server findings, channels, three languages', async () => {
    const res = await fetch(`${node.url}/help/id-ID/troubleshoot`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="id-ID">');
    expect(html).toContain('Tidak bisa menghubungi CS?');
    expect(html).toMatch(/data-channel="assistant" data-available="true"/);
    expect(html).toContain('/status/assets/troubleshoot.js');
    expect(html).toMatch(/hreflang="zh-CN"/);
    // Its icon is inline, as on the status page: the browser asks no /favicon.ico (a 404 in its console).
    expect(html).toContain('<link rel="icon" href="data:image/svg+xml,');
    expect(await (await fetch(`${node.url}/status?lang=en`)).text()).toContain('<link rel="icon" href="data:image/svg+xml,');
    expect((await fetch(`${node.url}/help/xx/troubleshoot`)).status).toBe(404);
    expect((await fetch(`${node.url}/help/zh/troubleshoot`, { redirect: 'manual' })).headers.get('location')).toBe('/help/zh-CN/troubleshoot');
  });
});
