import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignWaiting } from '../server/src/modules/routing/service.js';
import { ApiClient, startNode, uid, type TestNode } from '../server/src/testing.js';
import { accessibilityProblems, consoleAs, launchBrowser, soon, visible } from './browser.js';

// Automatic assignment in the agent console: an admin turns it on at Manage → Routing (the server's refusal said in the
// form), an agent who is online gets a customer's case with a toast that opens it, a second case waits while the agent
// is at the limit and the screen says so, and the agent hears of a colleague's assignment but not of their own, live or
// polling; supervisors read the settings, and pending cases are not counted against the limit.

let node: TestNode;
let browser: Browser;
let admin: ApiClient;
let agent: ApiClient;
let agentId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // No demo data: the admin and one agent are the only people who could get a case.
  node = await startNode();
  browser = await launchBrowser();
  admin = new ApiClient(node.url);
  await admin.asAdmin();
  agent = new ApiClient(node.url);
  agentId = (await agent.asNewAgent(admin, 'agent', 'Rina Wulandari')).id;
}, 180_000);

afterAll(async () => {
  await admin?.put('/api/v1/routing/settings', { autoAssign: false, maxOpenPerAgent: 5 }).catch(() => undefined);
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await node?.stop();
});

/** The console signed in as `who`; `blockLive`: behind a proxy that lets the API through but not Socket.IO. */
async function signedInPage(who: ApiClient, { heading = 'All open', blockLive = false } = {}): Promise<{ page: Page; errors: string[] }> {
  const session = { cookie: who.cookies.get('sapa_session')!, csrf: who.csrf! };
  let opened: { context: BrowserContext; page: Page; errors: string[] };
  if (blockLive) {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    await context.route('**/realtime/**', (route) => route.abort());
    await context.routeWebSocket(/\/realtime\//, (ws) => ws.close());
    await context.addCookies([{ name: 'sapa_session', value: session.cookie, url: node.url }]);
    await context.addInitScript((csrf) => sessionStorage.setItem('sapa.console.csrf', csrf), session.csrf);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${node.url}/agent`);
    await visible(page.locator('.conn[data-state=polling]'));
    opened = { context, page, errors };
  } else {
    opened = await consoleAs(browser, node.url, session);
  }
  const { context, page, errors } = opened;
  contexts.push(context);
  await visible(page.getByRole('heading', { name: heading }));
  // Every toast the page ever shows, so "told once" can be checked after the toasts have gone.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { toastsSeen: string[] }).toastsSeen = seen;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement && n.classList.contains('toast')) seen.push(n.textContent ?? '');
    }).observe(document.body, { childList: true, subtree: true });
  });
  return { page, errors };
}
const toastsSeen = (page: Page) => page.evaluate(() => (window as unknown as { toastsSeen: string[] }).toastsSeen);

/** A customer writes on the web chat: the case reaches the people's queue. */
async function customerCase(subject: string): Promise<{ id: string; reference: string }> {
  const visitor = new ApiClient(node.url);
  await visitor.asVisitor();
  const created = await visitor.post('/api/v1/cases', { subject, message: { body: `${subject}: saldo saya belum masuk`, clientMessageId: uid() } });
  expect(created.status).toBe(201);
  return { id: created.body.id, reference: created.body.reference };
}
const assigneeOf = async (id: string) => (await admin.get(`/api/v1/cases/${id}`)).body.assigneeId as string | null;
const presenceOf = async (id: string) => ((await admin.get('/api/v1/console/presence')).body.items as { agentId: string; status: string }[]).find((p) => p.agentId === id)?.status;

describe('automatic assignment in the agent console', { timeout: 150_000 }, () => {
  it('routes a customer’s case to the agent online, tells them once, holds the next one at the limit, and is turned off again', async () => {
    const adminId = (await admin.get('/api/v1/me')).body.id as string;
    const { page, errors } = await signedInPage(admin);
    // The admin steps away, so the agent is the only one routing can choose.
    await page.getByRole('radio', { name: 'Away' }).check();
    await expect.poll(() => presenceOf(adminId), { timeout: soon }).toBe('away');

    await page.getByRole('link', { name: 'Routing', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Routing', level: 1 }));
    expect(page.url()).toBe(`${node.url}/agent/routing`);
    await visible(page.getByText('Automatic assignment is off: cases wait in the queue until an agent takes them.'));
    const autoAssign = page.getByRole('switch', { name: 'Assign new cases automatically' });
    const limit = page.getByRole('spinbutton', { name: 'Open cases per agent' });
    await expect.poll(() => limit.inputValue(), { timeout: soon }).toBe('5');
    expect(await autoAssign.isChecked()).toBe(false);
    expect(await accessibilityProblems(page)).toEqual([]);

    // The agent signs in in another browser: online, holding nothing; the screen follows their presence live.
    const rina = await signedInPage(agent);
    await expect.poll(() => presenceOf(agentId), { timeout: soon }).toBe('online');
    const who = page.getByRole('region', { name: 'Who would get cases if it were on' });
    const agentRow = who.locator(`tr[data-agent="${agentId}"]`);
    await expect.poll(() => agentRow.getAttribute('data-state'), { timeout: soon }).toBe('available');
    expect(await agentRow.getByRole('rowheader').textContent()).toContain('Rina Wulandari');
    expect(await agentRow.locator('.routing-load').textContent()).toBe('0 / 5');
    expect(await who.locator(`tr[data-agent="${adminId}"]`).getAttribute('data-state')).toBe('away');

    // The server refuses a limit of 0: said in the form, at the input, and nothing saved.
    await autoAssign.check();
    await limit.fill('0');
    await page.getByRole('button', { name: 'Save routing' }).click();
    const refused = await admin.put('/api/v1/routing/settings', { autoAssign: true, maxOpenPerAgent: 0 });
    expect(refused.status).toBe(400);
    await visible(page.getByRole('alert').filter({ hasText: refused.body.error.message }));
    await visible(page.getByText('A whole number from 1 to 100.'));
    expect(await limit.getAttribute('aria-invalid')).toBe('true');
    expect((await admin.get('/api/v1/routing/settings')).body).toEqual({ autoAssign: false, maxOpenPerAgent: 5 });
    expect(await accessibilityProblems(page)).toEqual([]);

    // On, with a limit of one open case per agent.
    await limit.fill('1');
    await page.getByRole('button', { name: 'Save routing' }).click();
    await visible(page.getByRole('status').filter({ hasText: /^Routing saved$/ }));
    expect((await admin.get('/api/v1/routing/settings')).body).toEqual({ autoAssign: true, maxOpenPerAgent: 1 });
    expect(await limit.getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByText('Automatic assignment is off').count()).toBe(0);
    const live = page.getByRole('region', { name: 'Who gets cases now' });
    await expect.poll(() => live.locator(`tr[data-agent="${agentId}"] .routing-load`).textContent(), { timeout: soon }).toBe('0 / 1');

    // A customer's case goes to the agent at once; their console says so, once, with a link that opens it.
    const tag = uid();
    const first = await customerCase(`Top up belum masuk ${tag}`);
    await expect.poll(() => assigneeOf(first.id), { timeout: soon }).toBe(agentId);
    const history = (await admin.get(`/api/v1/cases/${first.id}/history`)).body.items;
    expect(history).toContainEqual(expect.objectContaining({ type: 'assigned', to: agentId, actorKind: 'system' }));
    const told = rina.page.locator('.toast', { hasText: `Case ${first.reference} was assigned to you.` });
    await visible(told);
    expect(await told.getAttribute('role')).toBe('status');
    await told.getByRole('link', { name: 'Open case' }).click();
    await expect.poll(() => rina.page.url()).toBe(`${node.url}/agent/cases/${first.id}`);
    await visible(rina.page.locator('.case-ref-big', { hasText: first.reference }));
    await rina.page.getByRole('link', { name: /^Assigned to me/ }).click();
    await visible(rina.page.getByRole('heading', { name: 'Assigned to me', level: 1 }));
    await visible(rina.page.getByRole('list', { name: 'Assigned to me' }).locator('.case-row', { hasText: first.reference }));

    // The agent holds one open case: the screen shows them full, and a second case waits in the queue.
    await expect.poll(() => live.locator(`tr[data-agent="${agentId}"]`).getAttribute('data-state'), { timeout: soon }).toBe('full');
    expect(await live.locator(`tr[data-agent="${agentId}"] .routing-load`).textContent()).toBe('1 / 1');
    await visible(live.getByText('Can take a case now: 0 of 2'));
    const second = await customerCase(`Saldo terpotong dua kali ${tag}`);
    expect(await assignWaiting(node.app.desk)).toEqual([]);
    expect(await assigneeOf(second.id)).toBeNull();
    expect(await accessibilityProblems(page)).toEqual([]);

    // A later change to the first case (not an assignment) tells nothing more.
    expect((await admin.patch(`/api/v1/cases/${first.id}`, { priority: 'high' })).status).toBe(200);
    await visible(rina.page.locator('.case-row', { hasText: first.reference }).getByText('High'));
    expect((await toastsSeen(rina.page)).filter((x) => x.includes(first.reference))).toHaveLength(1);

    // Off again, through the form.
    await autoAssign.uncheck();
    await page.getByRole('button', { name: 'Save routing' }).click();
    await expect.poll(async () => (await admin.get('/api/v1/routing/settings')).body, { timeout: soon }).toEqual({ autoAssign: false, maxOpenPerAgent: 1 });
    await visible(page.getByText('Automatic assignment is off: cases wait in the queue until an agent takes them.'));
    expect(await assignWaiting(node.app.desk)).toEqual([]);
    expect(await assigneeOf(second.id)).toBeNull();
    expect(await accessibilityProblems(page)).toEqual([]);

    // A colleague gives the agent the waiting case: told. A case the agent takes themselves: not.
    expect((await admin.patch(`/api/v1/cases/${second.id}`, { assigneeId: agentId })).status).toBe(200);
    await visible(rina.page.locator('.toast', { hasText: `Case ${second.reference} was assigned to you.` }));
    const third = await customerCase(`Akun terblokir ${tag}`);
    await rina.page.getByRole('link', { name: /^All open/ }).click();
    await rina.page.locator('.case-row', { hasText: third.reference }).click();
    await visible(rina.page.locator('.case-ref-big', { hasText: third.reference }));
    await rina.page.getByRole('button', { name: 'Assign to me' }).click();
    await visible(rina.page.getByRole('status').filter({ hasText: /^Assigned to Rina Wulandari$/ }));
    await expect.poll(() => assigneeOf(third.id), { timeout: soon }).toBe(agentId);
    // The push of that change has reached the console (the row shows the case as hers) before counting toasts.
    await visible(rina.page.getByRole('link', { name: /^Assigned to me\s*3$/ }));
    expect((await toastsSeen(rina.page)).filter((x) => x.includes('was assigned to you'))).toEqual([
      `Case ${first.reference} was assigned to you. Open case`,
      `Case ${second.reference} was assigned to you. Open case`,
    ]);

    expect(errors).toEqual([]);
    expect(rina.errors).toEqual([]);
  });

  it('tells an agent whose console cannot hold a live connection, from the inbox’s polling', async () => {
    const { page, errors } = await signedInPage(agent, { blockLive: true });
    const k = await customerCase(`Tanpa realtime ${uid()}`);
    // Routing is off: the case shows unassigned first, then a colleague gives it to the agent.
    await visible(page.locator('.case-row', { hasText: k.reference }));
    expect((await admin.patch(`/api/v1/cases/${k.id}`, { assigneeId: agentId })).status).toBe(200);
    const told = page.locator('.toast', { hasText: `Case ${k.reference} was assigned to you.` });
    await visible(told);
    await told.getByRole('link', { name: 'Open case' }).click();
    await visible(page.locator('.case-ref-big', { hasText: k.reference }));
    expect((await toastsSeen(page)).filter((x) => x.includes('was assigned to you'))).toEqual([`Case ${k.reference} was assigned to you. Open case`]);
    expect(errors).toEqual([]);
  });

  it('shows supervisors the settings read-only and who gets cases, in their language', async () => {
    const supervisor = new ApiClient(node.url);
    await supervisor.asNewAgent(admin, 'supervisor', 'Li Wei');
    expect((await supervisor.put('/api/v1/console/preferences', { locale: 'zh-CN' })).status).toBe(200);
    expect((await supervisor.put('/api/v1/routing/settings', { autoAssign: true, maxOpenPerAgent: 3 })).status).toBe(403);
    const { page, errors } = await signedInPage(supervisor, { heading: '全部未结' });
    await page.getByRole('link', { name: '工单分配', exact: true }).click();
    await visible(page.getByRole('heading', { name: '工单分配', level: 1 }));
    await visible(page.getByText('只有管理员可以修改自动分配。'));
    const autoAssign = page.getByRole('switch', { name: '自动分配新工单' });
    await visible(autoAssign);
    expect(await autoAssign.isDisabled()).toBe(true);
    expect(await autoAssign.isChecked()).toBe(false);
    const limit = page.getByRole('spinbutton', { name: '每位客服的处理中工单上限' });
    expect(await limit.inputValue()).toBe('1');
    expect(await limit.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('button', { name: '保存分配设置' }).count()).toBe(0);
    // Rina holds the four open cases of the journeys above (given by hand, over the limit of one).
    const who = page.getByRole('region', { name: '开启后谁会分到工单' });
    const row = who.locator(`tr[data-agent="${agentId}"]`);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: soon }).toBe('full');
    expect(await row.locator('.routing-load').textContent()).toBe('4 / 1');
    // A pending case waits on the customer: routing does not count it, and the screen says so beside the count.
    const open = ((await admin.get(`/api/v1/cases?assignee=${agentId}&status=open`)).body.items as { id: string }[]).map((c) => c.id);
    expect(open).toHaveLength(4);
    expect((await admin.patch(`/api/v1/cases/${open[0]}`, { status: 'pending' })).status).toBe(200);
    await expect.poll(() => row.locator('.routing-load').textContent(), { timeout: soon }).toBe('3 / 1');
    await visible(row.getByText('另有 1 个待客户回复，不计入'));
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('alerts once for an assignment or a customer’s message however many console tabs the agent has open, and not at all while one shows the case', async () => {
    // Two tabs of one browser profile; desktop notifications allowed. What each tab sounds or shows is counted where the
    // browser's own APIs are called (a notification made, an oscillator started for the beep's two tones).
    const first = await signedInPage(agent);
    const context = first.page.context();
    await context.grantPermissions(['notifications'], { origin: node.url });
    const second = await context.newPage();
    await second.goto(`${node.url}/agent`);
    await visible(second.locator('.conn[data-state=live]'));
    const tabs = [first.page, second];
    for (const tab of tabs) {
      await tab.evaluate(() => {
        const counts = { desktop: 0, tones: 0 };
        (window as unknown as { alerts: typeof counts }).alerts = counts;
        window.Notification = new Proxy(window.Notification, {
          construct(target, args: [string, NotificationOptions?]) {
            counts.desktop += 1;
            return Reflect.construct(target, args);
          },
        });
        const start = OscillatorNode.prototype.start;
        OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
          counts.tones += 1;
          return start.apply(this, args);
        };
      });
      // A click unlocks the tab's audio, as an agent's first click does.
      await tab.getByRole('heading', { name: 'All open' }).click();
      await expect.poll(() => tab.evaluate(() => Notification.permission)).toBe('granted');
    }
    const alerts = async () => {
      const each = await Promise.all(tabs.map((tab) => tab.evaluate(() => (window as unknown as { alerts: { desktop: number; tones: number } }).alerts)));
      return { desktop: each.reduce((n, a) => n + a.desktop, 0), beeps: each.reduce((n, a) => n + a.tones, 0) / 2 };
    };

    const visitor = new ApiClient(node.url);
    await visitor.asVisitor();
    const created = await visitor.post('/api/v1/cases', { message: { body: 'saldo saya belum masuk', clientMessageId: uid() } });
    expect(created.status).toBe(201);
    const k = { id: created.body.id as string, reference: created.body.reference as string };
    expect((await admin.patch(`/api/v1/cases/${k.id}`, { assigneeId: agentId })).status).toBe(200);
    for (const tab of tabs) await visible(tab.locator('.toast', { hasText: `Case ${k.reference} was assigned to you.` }));
    await expect.poll(alerts, { timeout: soon }).toEqual({ desktop: 1, beeps: 1 });

    // The customer writes: one more alert in all, not one per tab.
    const write = async (body: string) => expect((await visitor.post(`/api/v1/cases/${k.id}/messages`, { body, clientMessageId: uid() })).status).toBe(201);
    await write('halo kak, masih belum masuk');
    await expect.poll(alerts, { timeout: soon }).toEqual({ desktop: 2, beeps: 2 });

    // One tab shows the case (opened in the page, which keeps its counts): a new message there alerts in neither tab.
    await second.locator('.case-row', { hasText: k.reference }).click();
    await visible(second.locator('.case-ref-big', { hasText: k.reference }));
    await write('tolong dicek lagi ya');
    await visible(second.getByText('tolong dicek lagi ya'));
    // Past the moment the other tab would claim the alert.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await alerts()).toEqual({ desktop: 2, beeps: 2 });
    expect(first.errors).toEqual([]);
  });
});
