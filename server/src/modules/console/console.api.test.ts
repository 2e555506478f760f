import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, uid, type TestNode } from '../../testing.js';
import { webDist } from './site.js';

let node: TestNode;
const admin = () => {
  const c = new ApiClient(node.url);
  return c.asAdmin().then(() => c);
};
const put = (c: ApiClient, p: string, body: unknown) => c.put(p, body);
const PASSWORD = 'Quiet-Harbor-Lantern-2026!';

/** A fresh agent with the given role, signed in. */
async function agentClient(role: 'agent' | 'supervisor', name = `Agent ${uid()}`): Promise<{ client: ApiClient; id: string }> {
  const a = await admin();
  const email = `${uid()}@console.sapa.test`;
  const created = await a.post('/api/v1/agents', { email, name, role, password: PASSWORD, locale: 'en' });
  expect(created.status).toBe(201);
  const client = new ApiClient(node.url);
  expect((await client.login(email, PASSWORD)).status).toBe(200);
  return { client, id: created.body.id };
}

// Starting a node takes seconds on a quiet machine and much longer on a busy shared one.
beforeAll(async () => {
  node = await startNode();
}, 180_000);
afterAll(async () => node?.stop());

describe('inbox', () => {
  it('lists cases with the customer’s name, and counts open cases per view', async () => {
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer('Dewi Lestari', 'id-ID');
    const c = await customer.post('/api/v1/cases', { subject: 'Saldo belum masuk', message: { body: 'saldo saya belum masuk', clientMessageId: uid() } });
    const visitor = new ApiClient(node.url);
    await visitor.asVisitor();
    const v = await visitor.post('/api/v1/cases', { subject: 'Anonymous question', message: { body: 'hello there', clientMessageId: uid() } });
    const { client: agent, id: agentId } = await agentClient('agent');

    // Find the two cases by reference rather than by their position in the list.
    const inboxCard = async (reference: string, id: string) => {
      const page = await agent.get(`/api/v1/console/inbox?status=open,pending&sort=waiting&q=${encodeURIComponent(reference)}`);
      expect(page.status).toBe(200);
      return page.body.items.find((x: { id: string }) => x.id === id);
    };
    expect(await inboxCard(c.body.reference, c.body.id)).toMatchObject({ reference: c.body.reference, customerName: 'Dewi Lestari', teamId: null, status: 'open' });
    expect(await inboxCard(v.body.reference, v.body.id)).toMatchObject({ customerName: null });
    const search = await agent.get(`/api/v1/console/inbox?q=${encodeURIComponent(c.body.reference)}`);
    expect(search.body.items.map((x: { id: string }) => x.id)).toContain(c.body.id);

    const before = await agent.get('/api/v1/console/counts');
    expect(before.status).toBe(200);
    expect(before.body.mine).toBe(0);
    expect(before.body.all).toBeGreaterThanOrEqual(2);
    expect(before.body.waiting).toBeGreaterThanOrEqual(2);
    expect((await agent.patch(`/api/v1/cases/${c.body.id}`, { assigneeId: agentId })).status).toBe(200);
    const after = await agent.get('/api/v1/console/counts');
    expect(after.body).toMatchObject({ mine: 1, unassigned: before.body.unassigned - 1, all: before.body.all, truncated: false });
    expect((await agent.patch(`/api/v1/cases/${c.body.id}`, { status: 'resolved' })).status).toBe(200);
    expect((await agent.get('/api/v1/console/counts')).body).toMatchObject({ mine: 0, all: before.body.all - 1 });
  });

  it('is for agents only', async () => {
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    expect((await customer.get('/api/v1/console/inbox')).status).toBe(403);
    expect((await customer.get('/api/v1/console/counts')).status).toBe(403);
    expect((await customer.get('/api/v1/canned-responses')).status).toBe(403);
    expect((await new ApiClient(node.url).get('/api/v1/console/counts')).status).toBe(401);
  });
});

describe('queue overview and presence', () => {
  it('shows supervisors open cases by channel, category and age, and who is online with their load', async () => {
    const { client: agent, id: agentId } = await agentClient('agent', 'Load Tester');
    const { client: supervisor } = await agentClient('supervisor');
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    const c = await customer.post('/api/v1/cases', { subject: 'Transfer failed', category: 'transfer_failed', channel: 'app', message: { body: 'my transfer failed', clientMessageId: uid() } });
    await supervisor.patch(`/api/v1/cases/${c.body.id}`, { assigneeId: agentId });

    expect((await agent.get('/api/v1/console/overview')).status).toBe(403);
    expect((await put(agent, '/api/v1/console/presence', { status: 'away' })).body).toMatchObject({ status: 'away' });
    const o = await supervisor.get('/api/v1/console/overview');
    expect(o.status).toBe(200);
    expect(o.body.byChannel.app).toBeGreaterThanOrEqual(1);
    expect(o.body.byCategory.transfer_failed).toBeGreaterThanOrEqual(1);
    expect(o.body.byAge.lt1h).toBeGreaterThanOrEqual(1);
    expect(Object.values(o.body.byAge as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(o.body.totals.open + o.body.totals.pending);
    expect(o.body.agents.find((a: { agentId: string }) => a.agentId === agentId)).toMatchObject({ name: 'Load Tester', status: 'away', load: 1, open: 1, pending: 0 });
    // A case waiting on the customer is load, not an open case (what automatic assignment counts against its limit).
    await supervisor.patch(`/api/v1/cases/${c.body.id}`, { status: 'pending' });
    const later = await supervisor.get('/api/v1/console/overview');
    expect(later.body.agents.find((a: { agentId: string }) => a.agentId === agentId)).toMatchObject({ load: 1, open: 0, pending: 1 });

    expect((await put(agent, '/api/v1/console/presence', { status: 'online' })).status).toBe(200);
    const list = await supervisor.get('/api/v1/console/presence');
    expect(list.body.items.find((a: { agentId: string }) => a.agentId === agentId).status).toBe('online');
    expect((await agent.delete('/api/v1/console/presence')).status).toBe(204);
    const gone = await supervisor.get('/api/v1/console/presence');
    expect(gone.body.items.find((a: { agentId: string }) => a.agentId === agentId).status).toBe('offline');
    expect((await put(agent, '/api/v1/console/presence', { status: 'busy' })).status).toBe(400);
  });
});

describe('preferences', () => {
  it('keeps the notification sound setting and changes the agent’s language (seen by /me)', async () => {
    const { client } = await agentClient('agent');
    expect((await client.get('/api/v1/console/preferences')).body).toEqual({ sound: true, desktopNotifications: true, locale: 'en' });
    const r = await put(client, '/api/v1/console/preferences', { sound: false, locale: 'zh-CN' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ sound: false, desktopNotifications: true, locale: 'zh-CN' });
    expect((await client.get('/api/v1/me')).body.locale).toBe('zh-CN');
    expect((await put(client, '/api/v1/console/preferences', { locale: 'fr' })).status).toBe(400);
    // A cookie write without the CSRF header is refused.
    const noCsrf = new ApiClient(node.url);
    noCsrf.cookies = client.cookies;
    expect((await put(noCsrf, '/api/v1/console/preferences', { sound: true })).status).toBe(403);
  });
});

describe('teams', () => {
  it('lets supervisors manage teams and agents transfer a case to one, recorded as an internal note', async () => {
    const { client: supervisor } = await agentClient('supervisor');
    const { client: agent, id: agentId } = await agentClient('agent', 'Team Member');
    const name = `Payments ${uid()}`;
    expect((await agent.post('/api/v1/teams', { name })).status).toBe(403);
    const team = await supervisor.post('/api/v1/teams', { name, memberIds: [agentId] });
    expect(team.status).toBe(201);
    expect(team.body.members).toEqual([{ id: agentId, name: 'Team Member' }]);
    expect((await supervisor.post('/api/v1/teams', { name })).status).toBe(409);
    expect((await supervisor.post('/api/v1/teams', { name: `x${uid()}`, memberIds: ['nobody'] })).status).toBe(422);
    const renamed = await supervisor.patch(`/api/v1/teams/${team.body.id}`, { name: `${name} & Refunds`, memberIds: [] });
    expect(renamed.body).toMatchObject({ name: `${name} & Refunds`, members: [] });

    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    const c = await customer.post('/api/v1/cases', { message: { body: 'refund please', clientMessageId: uid() } });
    const moved = await put(agent, `/api/v1/console/cases/${c.body.id}/team`, { teamId: team.body.id });
    expect(moved.status).toBe(200);
    expect(moved.body.team.id).toBe(team.body.id);
    expect((await agent.get(`/api/v1/console/cases/${c.body.id}/team`)).body.team.name).toBe(`${name} & Refunds`);
    const inbox = await agent.get(`/api/v1/console/inbox?q=${c.body.reference}`);
    expect(inbox.body.items[0].teamId).toBe(team.body.id);
    const notes = await agent.get(`/api/v1/cases/${c.body.id}/messages`);
    const note = notes.body.items.at(-1);
    expect(note).toMatchObject({ internal: true, author: { kind: 'system' }, metadata: { kind: 'team_transfer', teamId: team.body.id } });
    expect((await customer.get(`/api/v1/cases/${c.body.id}/messages`)).body.items).toHaveLength(1);
    expect((await put(agent, `/api/v1/console/cases/${c.body.id}/team`, { teamId: 'nope' })).status).toBe(422);
    expect((await put(customer, `/api/v1/console/cases/${c.body.id}/team`, { teamId: null })).status).toBe(403);

    expect((await supervisor.delete(`/api/v1/teams/${team.body.id}`)).status).toBe(204);
    expect((await agent.get(`/api/v1/console/cases/${c.body.id}/team`)).body.team).toBeNull();
    expect((await supervisor.delete(`/api/v1/teams/${team.body.id}`)).status).toBe(404);
  });
});

describe('canned responses', () => {
  it('are created by supervisors with one text per locale, found by shortcut, and unique by shortcut', async () => {
    const { client: supervisor } = await agentClient('supervisor');
    const { client: agent } = await agentClient('agent');
    const shortcut = `thanks-${uid()}`;
    const input = { title: 'Thanks', shortcut, bodies: { en: 'Thanks {{customer.name}}!', 'id-ID': 'Terima kasih {{customer.name}}!', 'zh-CN': '谢谢 {{customer.name}}！' } };
    expect((await agent.post('/api/v1/canned-responses', input)).status).toBe(403);
    const created = await supervisor.post('/api/v1/canned-responses', input);
    expect(created.status).toBe(201);
    expect(created.body.bodies['zh-CN']).toBe('谢谢 {{customer.name}}！');
    expect((await supervisor.post('/api/v1/canned-responses', input)).status).toBe(409);
    expect((await supervisor.post('/api/v1/canned-responses', { ...input, shortcut: `e-${uid()}`, bodies: { en: '  ' } })).status).toBe(422);
    expect((await supervisor.post('/api/v1/canned-responses', { ...input, shortcut: 'has space' })).status).toBe(400);

    const found = await agent.get(`/api/v1/canned-responses?q=${shortcut}`);
    expect(found.body.items).toHaveLength(1);
    const changed = await supervisor.patch(`/api/v1/canned-responses/${created.body.id}`, { bodies: { en: 'Thank you, {{customer.name}}.' } });
    expect(changed.body.bodies).toEqual({ en: 'Thank you, {{customer.name}}.' });
    expect((await supervisor.delete(`/api/v1/canned-responses/${created.body.id}`)).status).toBe(204);
    expect((await agent.get(`/api/v1/canned-responses?q=${shortcut}`)).body.items).toHaveLength(0);
  });
});

describe('the console site', () => {
  const built = existsSync(path.join(webDist, 'index.html'));
  it.runIf(built)('serves index.html for any console path and caches hashed assets for a year', async () => {
    for (const p of ['/agent', '/agent/', '/agent/cases/some-id', '/agent/admin/teams']) {
      const r = await fetch(node.url + p);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await r.text()).toContain('<div id="root">');
    }
    const html = await (await fetch(`${node.url}/agent`)).text();
    const asset = /src="(\/agent\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const js = await fetch(node.url + asset!, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${node.url}/agent/assets/missing-abc123.js`)).status).toBe(404);
    expect((await fetch(`${node.url}/agent/..%2f..%2fpackage.json`)).status).not.toBe(500);
  });
});
