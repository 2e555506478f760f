import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../kernel/auth.js';
import { ApiClient, startNode, testDatabase, uid, type TestNode } from '../../testing.js';
import { sql } from 'drizzle-orm';
import { call, connect, record, waitFor } from '../realtime/testkit.js';
import { appendMessage, type NewMessage } from './store.js';

let node: TestNode;
beforeAll(async () => {
  node = await startNode();
});
afterAll(async () => node?.stop());

describe('cases and messages', () => {
  it('creates a case with a readable reference and keeps Chinese text byte for byte', async () => {
    const a = new ApiClient(node.url);
    await a.asNewCustomer('客户 A', 'zh-CN');
    const text = '我昨天充值了 Rp 200.000，余额没有变化 🙏';
    const r = await a.post('/api/v1/cases', { subject: '充值失败', message: { body: text, clientMessageId: uid() }, diagnostics: { os: 'Android 14', appVersion: '5.2.0' } });
    expect(r.status).toBe(201);
    expect(r.body.reference).toMatch(/^SP-[A-Z2-9]{6}$/);
    expect(r.body.language).toBe('zh-CN');
    expect(r.body.device).toMatchObject({ os: 'Android 14', appVersion: '5.2.0' });
    expect(r.body.device.serverReceivedAt).toBeTruthy();
    const m = await a.get(`/api/v1/cases/${r.body.id}/messages?afterSeq=0`);
    expect(m.body.items[0]).toMatchObject({ seq: 1, body: text });
  });

  it('names a case opened without a subject by the first line of its first message', async () => {
    const a = new ApiClient(node.url);
    await a.asNewCustomer();
    const short = await a.post('/api/v1/cases', { message: { body: '\n  top up 50rb   belum masuk\nsudah 2 jam', clientMessageId: uid() } });
    expect(short.body.subject).toBe('top up 50rb belum masuk');
    const long = 'My transfer of Rp 1.500.000 to my brother at BCA on Monday evening shows completed in the app but he has nothing';
    const named = await a.post('/api/v1/cases', { message: { body: long, clientMessageId: uid() } });
    expect(named.body.subject).toBe('My transfer of Rp 1.500.000 to my brother at BCA on Monday evening shows…');
    const chinese = '我'.repeat(100);
    expect((await a.post('/api/v1/cases', { message: { body: chinese, clientMessageId: uid() } })).body.subject).toBe(`${'我'.repeat(79)}…`);
    // An emoji where the name is cut is left out whole, not cut in half (PostgreSQL refuses half of one).
    const emoji = await a.post('/api/v1/cases', { message: { body: `${'充'.repeat(78)}😀😀 still more text`, clientMessageId: uid() } });
    expect(emoji.status).toBe(201);
    expect(emoji.body.subject).toBe(`${'充'.repeat(78)}…`);
    const given = await a.post('/api/v1/cases', { subject: 'Saldo', message: { body: 'tolong cek', clientMessageId: uid() } });
    expect(given.body.subject).toBe('Saldo');
  });

  it('gives 50 concurrent posts seq 2..51 without a gap, and one message for a raced clientMessageId', async () => {
    const a = new ApiClient(node.url);
    await a.asNewCustomer();
    const c = await a.post('/api/v1/cases', { message: { body: 'first', clientMessageId: uid() } });
    await Promise.all(Array.from({ length: 50 }, (_, i) => a.post(`/api/v1/cases/${c.body.id}/messages`, { body: `m${i}`, clientMessageId: `c-${i}` })));
    const all = await a.get(`/api/v1/cases/${c.body.id}/messages?afterSeq=0&limit=500`);
    expect(all.body.items.map((m: { seq: number }) => m.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    const raced = await Promise.all(Array.from({ length: 20 }, () => a.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'retry me', clientMessageId: 'dup' })));
    expect(new Set(raced.map((r) => r.body.id)).size).toBe(1);
    expect(raced.filter((r) => r.status === 201)).toHaveLength(1);
    expect(raced.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    const after = await a.get(`/api/v1/cases/${c.body.id}/messages?afterSeq=51`);
    expect(after.body.items).toHaveLength(1);
  });
});

describe('group commit', () => {
  it('answers every post of one batch on its own: created in seq order, duplicate, not found and closed side by side', async () => {
    const a = new ApiClient(node.url);
    const admin = new ApiClient(node.url);
    const { visitorId } = await a.asVisitor();
    await admin.asAdmin();
    const open1 = (await a.post('/api/v1/cases', { message: { body: 'one', clientMessageId: uid() } })).body;
    const open2 = (await a.post('/api/v1/cases', { message: { body: 'two', clientMessageId: uid() } })).body;
    const closed = (await a.post('/api/v1/cases', { message: { body: 'three', clientMessageId: uid() } })).body;
    expect((await admin.patch(`/api/v1/cases/${closed.id}`, { status: 'closed' })).status).toBe(200);
    const visitor: Principal = { kind: 'visitor', visitorId, locale: 'en', sessionId: 'test' };
    const stranger: Principal = { kind: 'visitor', visitorId: 'someone-else', locale: 'en', sessionId: 'test' };
    const msg = (caseId: string, clientMessageId: string): NewMessage => ({ caseId, authorKind: 'visitor', authorId: visitorId, body: `b ${clientMessageId}`, internal: false, clientMessageId });
    const db = node.app.desk.db;
    // Started in one turn of the event loop, so they travel to the database as one statement.
    const outcomes = await Promise.all([
      appendMessage(db, msg(open2.id, 'x1'), visitor, true),
      appendMessage(db, msg(open1.id, 'y1'), visitor, true),
      appendMessage(db, msg(open2.id, 'x2'), visitor, true),
      appendMessage(db, msg(open2.id, 'x1'), visitor, true),
      appendMessage(db, msg(open1.id, 'y2'), stranger, true),
      appendMessage(db, msg(closed.id, 'z1'), visitor, true),
      appendMessage(db, msg('no-such-case', 'n1'), visitor, true),
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(['created', 'created', 'created', 'duplicate', 'not_found', 'closed', 'not_found']);
    const seq = (i: number) => (outcomes[i] as { message: { seq: number } }).message.seq;
    expect([seq(0), seq(2), seq(1)]).toEqual([2, 3, 2]);
    expect((outcomes[3] as { message: { id: string } }).message.id).toBe((outcomes[0] as { message: { id: string } }).message.id);
    expect((outcomes[2] as { case: { lastSeq: number } }).case.lastSeq).toBe(3);
    const stored = await a.get(`/api/v1/cases/${open2.id}/messages?afterSeq=0`);
    expect(stored.body.items.map((m: { seq: number; clientMessageId: string }) => `${m.seq}:${m.clientMessageId}`).slice(1)).toEqual(['2:x1', '3:x2']);
    expect((await a.get(`/api/v1/cases/${closed.id}`)).body.messageCount).toBe(1);
    // What a channel brings cannot be refused: text PostgreSQL cannot hold is made storable, not lost with its batch.
    const [fromChannel, neighbour] = await Promise.all([
      appendMessage(db, { ...msg(open1.id, 'w1'), body: 'from a webhook \u0000 cut \ud83d' }, visitor, true),
      appendMessage(db, msg(open1.id, 'w2'), visitor, true),
    ]);
    expect([fromChannel.kind, neighbour.kind]).toEqual(['created', 'created']);
    expect((fromChannel as { message: { body: string } }).message.body).toBe('from a webhook  cut \ufffd');
  });
});

describe.skipIf(testDatabase() !== 'postgres')('group commit on PostgreSQL', () => {
  it('retries the posts of a batch one by one when the batch loses a deadlock, and stores every one', async () => {
    const a = new ApiClient(node.url);
    const { visitorId } = await a.asVisitor();
    const ids = [];
    for (const body of ['one', 'two']) ids.push((await a.post('/api/v1/cases', { message: { body, clientMessageId: uid() } })).body.id as string);
    // The batch locks cases in id order: it takes `first`, then waits for `second`, which another writer holds and
    // which then asks for `first`. PostgreSQL breaks the cycle by aborting the batch, the one that waited longer.
    const [first, second] = ids.sort();
    const visitor: Principal = { kind: 'visitor', visitorId, locale: 'en', sessionId: 'test' };
    const msg = (caseId: string): NewMessage => ({ caseId, authorKind: 'visitor', authorId: visitorId, body: 'after the deadlock', internal: false, clientMessageId: uid() });
    const db = node.app.desk.db;
    let posts: Promise<unknown[]> | undefined;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select id from cases where id = ${second} for update`);
      posts = Promise.all([appendMessage(db, msg(first), visitor, true), appendMessage(db, msg(second), visitor, true)]);
      await new Promise((r) => setTimeout(r, 300));
      await tx.execute(sql`select id from cases where id = ${first} for update`);
    });
    const outcomes = (await posts!) as { kind: string; message: { seq: number } }[];
    expect(outcomes.map((o) => [o.kind, o.message.seq])).toEqual([['created', 2], ['created', 2]]);
  });
});

const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const upload = (c: ApiClient, bytes: Buffer, name: string) => {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(bytes)]), name);
  return c.post('/api/v1/attachments', fd);
};

describe('who sees what', () => {
  it('hides other customers’ cases behind 404, keeps internal notes from customers, and lets only agents change a case', async () => {
    const a = new ApiClient(node.url);
    const b = new ApiClient(node.url);
    const admin = new ApiClient(node.url);
    await a.asNewCustomer('A');
    await b.asNewCustomer('B');
    await admin.asAdmin();
    const c = await a.post('/api/v1/cases', { subject: 'Transfer gagal', message: { body: 'transfer ke BRI gagal', clientMessageId: uid() } });
    for (const path of [`/api/v1/cases/${c.body.id}`, `/api/v1/cases/${c.body.id}/messages`, `/api/v1/cases/${c.body.id}/transcript`, `/api/v1/cases/${c.body.id}/history`]) {
      expect((await b.get(path)).status).toBe(404);
    }
    expect((await b.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'sneaky', clientMessageId: uid() })).status).toBe(404);
    expect((await b.get('/api/v1/cases')).body.items.some((x: { id: string }) => x.id === c.body.id)).toBe(false);
    expect((await b.get('/api/v1/cases/does-not-exist')).status).toBe(404);

    const note = await admin.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'internal: check the BRI switch', clientMessageId: uid(), internal: true });
    expect(note.status).toBe(201);
    const replyId = uid();
    const reply = await admin.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'Kami cek dulu ya', clientMessageId: replyId });
    expect(reply.body.author).toMatchObject({ kind: 'agent', name: 'Administrator' });
    const retried = await admin.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'Kami cek dulu ya', clientMessageId: replyId });
    expect([retried.status, retried.body.id, retried.body.author.name]).toEqual([200, reply.body.id, 'Administrator']);
    const seen = await a.get(`/api/v1/cases/${c.body.id}/messages?afterSeq=0`);
    expect(seen.body.items.map((m: { body: string }) => m.body)).toEqual(['transfer ke BRI gagal', 'Kami cek dulu ya']);
    const transcript = await a.get(`/api/v1/cases/${c.body.id}/transcript?format=json`);
    expect(JSON.stringify(transcript.body)).not.toContain('BRI switch');
    expect((await admin.get(`/api/v1/cases/${c.body.id}/messages?afterSeq=0`)).body.items).toHaveLength(3);

    expect((await a.patch(`/api/v1/cases/${c.body.id}`, { status: 'closed' })).status).toBe(403);
    expect((await b.patch(`/api/v1/cases/${c.body.id}`, { status: 'closed' })).status).toBe(404);
    const agents = await admin.get('/api/v1/agents');
    const adminId = agents.body.items[0].id;
    const patched = await admin.patch(`/api/v1/cases/${c.body.id}`, { status: 'pending', assigneeId: adminId, priority: 'high', category: 'transfer_failed', tags: ['BRI', 'bri', 'switch'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'pending', assigneeId: adminId, priority: 'high', category: 'transfer_failed', tags: ['bri', 'switch'] });
    expect((await admin.patch(`/api/v1/cases/${c.body.id}`, { assigneeId: 'nobody' })).status).toBe(422);
    // The customer answering a pending case reopens it, and the history records both changes.
    await a.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'sudah saya coba lagi', clientMessageId: uid() });
    expect((await a.get(`/api/v1/cases/${c.body.id}`)).body.status).toBe('open');
    const history = await a.get(`/api/v1/cases/${c.body.id}/history`);
    expect(history.body.items.filter((e: { type: string }) => e.type === 'status_changed').map((e: { to: string }) => e.to)).toEqual(['pending', 'open']);
    await admin.patch(`/api/v1/cases/${c.body.id}`, { status: 'closed' });
    const late = await a.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'halo?', clientMessageId: uid() });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('case_closed');
  });

  it('shows a customer their case without the team’s labels, alarms or the assistant’s bookkeeping, over HTTP and live', async () => {
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer('Rani', 'id-ID');
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    // A customer cannot label their own case (tags steer the queue): the tags they send are ignored.
    const own = await customer.post('/api/v1/cases', { tags: ['vip', 'handoff'], message: { body: 'saldo saya belum masuk', clientMessageId: uid() } });
    expect((await admin.get(`/api/v1/cases/${own.body.id}`)).body.tags).toEqual([]);

    const first = await customer.post('/api/v1/assistant/messages', { text: 'top up saya dari BCA belum masuk, sudah sejam' });
    const caseId: string = first.body.caseId;
    const socket = await connect(node.url, { auth: { token: customer.cookies.get('sapa_session') } });
    try {
      const live = record<{ seq: number; author: { kind: string }; metadata: Record<string, unknown> | null }>(socket, 'message');
      const updates = record<{ case: { tags: string[]; priority: string }; changes: string[] }>(socket, 'case:updated');
      expect((await call(socket, 'subscribe', { caseId, afterSeq: 0 })).error).toBeUndefined();
      await admin.patch(`/api/v1/cases/${caseId}`, { tags: ['upset', 'vip'], priority: 'high' });
      await customer.post('/api/v1/assistant/messages', { text: 'masih belum masuk juga', caseId });

      // The agent sees the assistant's reasoning and the labels.
      const agentCopy = await admin.get(`/api/v1/cases/${caseId}/messages?afterSeq=0`);
      const reasoning = agentCopy.body.items.find((m: { author: { kind: string } }) => m.author.kind === 'assistant').metadata;
      expect(reasoning).toMatchObject({ intent: expect.any(String), confidence: expect.any(Number), ranking: expect.any(Array) });
      expect((await admin.get(`/api/v1/cases/${caseId}`)).body.tags).toEqual(expect.arrayContaining(['upset', 'vip']));
      expect((await admin.get(`/api/v1/cases/${caseId}/history`)).body.items.map((e: { type: string }) => e.type)).toContain('tags_changed');

      // The customer, everywhere they read the case, sees the articles offered but not the intent, and no labels.
      const theirs = await customer.get(`/api/v1/cases/${caseId}/messages?afterSeq=0`);
      const replies = theirs.body.items.filter((m: { author: { kind: string } }) => m.author.kind === 'assistant');
      expect(replies.length).toBe(2);
      for (const m of replies) {
        expect(Object.keys(m.metadata ?? {}).every((k) => ['articles', 'handoff'].includes(k))).toBe(true);
        expect(m.metadata).not.toHaveProperty('intent');
      }
      const seen = await customer.get(`/api/v1/cases/${caseId}`);
      expect(seen.body).toMatchObject({ tags: [], priority: 'high' });
      expect((await customer.get('/api/v1/cases')).body.items.every((c: { tags: string[] }) => c.tags.length === 0)).toBe(true);
      const history = (await customer.get(`/api/v1/cases/${caseId}/history`)).body.items.map((e: { type: string }) => e.type);
      expect(history).toContain('priority_changed');
      expect(history).not.toContain('tags_changed');
      const transcript = JSON.stringify((await customer.get(`/api/v1/cases/${caseId}/transcript?format=json`)).body);
      expect(transcript).not.toMatch(/"intent"|"confidence"|"upset"|tags_changed/);

      await waitFor(() => live.filter((m) => m.author.kind === 'assistant').length >= 2 && updates.length > 0);
      for (const m of live) expect(m.metadata ?? {}).not.toHaveProperty('intent');
      for (const u of updates) {
        expect(u.case.tags).toEqual([]);
        expect(u.changes).not.toContain('tags_changed');
      }
      expect(updates.some((u) => u.changes.includes('priority_changed'))).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('changes many cases at once for agents, each recorded, and says which could not be changed', async () => {
    const admin = new ApiClient(node.url);
    await admin.asAdmin();
    const customer = new ApiClient(node.url);
    await customer.asNewCustomer();
    const ids: string[] = [];
    for (const body of ['promo cashback belum masuk', 'cashback promo tidak ada', 'where is my promo cashback']) {
      ids.push((await customer.post('/api/v1/cases', { message: { body, clientMessageId: uid() } })).body.id);
    }
    await admin.patch(`/api/v1/cases/${ids[0]}`, { tags: ['old', 'keep'] });
    const adminId = (await admin.get('/api/v1/me')).body.id;
    const bulk = (body: unknown) => admin.post('/api/v1/cases/bulk', body, { 'accept-language': 'id-ID' });
    const r = await bulk({ ids: [...ids, 'no-such-case', ids[1]], change: { status: 'resolved', assigneeId: adminId, priority: 'high', addTags: ['Promo', 'cashback'], removeTags: ['old'] } });
    expect(r.status).toBe(200);
    expect(r.body.updated.map((c: { id: string }) => c.id)).toEqual(ids);
    for (const c of r.body.updated) expect(c).toMatchObject({ status: 'resolved', assigneeId: adminId, priority: 'high' });
    expect(r.body.updated[0].tags).toEqual(['keep', 'promo', 'cashback']);
    expect(r.body.updated[1].tags).toEqual(['promo', 'cashback']);
    expect(r.body.failed).toEqual([{ id: 'no-such-case', code: 'not_found', message: expect.any(String) }]);
    const history = (await admin.get(`/api/v1/cases/${ids[2]}/history`)).body.items.map((e: { type: string }) => e.type);
    expect(history).toEqual(expect.arrayContaining(['status_changed', 'assigned', 'priority_changed', 'tags_changed']));

    expect((await bulk({ ids, change: {} })).status).toBe(400);
    expect((await bulk({ ids: [], change: { status: 'open' } })).status).toBe(400);
    expect((await bulk({ ids: Array.from({ length: 101 }, () => ids[0]), change: { status: 'open' } })).status).toBe(400);
    expect((await bulk({ ids, change: { assigneeId: 'nobody' } })).status).toBe(422);
    expect((await customer.post('/api/v1/cases/bulk', { ids, change: { status: 'closed' } })).status).toBe(403);
    expect((await admin.get(`/api/v1/cases/${ids[0]}`)).body.status).toBe('resolved');
  });

  it('lists cases for agents with filters, search and a cursor', async () => {
    const a = new ApiClient(node.url);
    const admin = new ApiClient(node.url);
    await a.asNewCustomer('Filter Person');
    await admin.asAdmin();
    const tag = uid();
    for (let i = 0; i < 3; i++) await a.post('/api/v1/cases', { subject: `Saldo ${tag} ${i}`, category: 'topup_failed', channel: 'app', message: { body: `isi saldo ${tag}`, clientMessageId: uid() } });
    const found = await admin.get(`/api/v1/cases?q=${tag}&category=topup_failed&channel=app&limit=2`);
    expect(found.body.items).toHaveLength(2);
    expect(found.body.nextCursor).toBeTruthy();
    const rest = await admin.get(`/api/v1/cases?q=${tag}&limit=2&cursor=${found.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    const waiting = await admin.get(`/api/v1/cases?q=${tag}&sort=waiting&assignee=unassigned&status=open`);
    expect(waiting.body.items).toHaveLength(3);
    expect((await admin.get('/api/v1/cases?cursor=garbage')).status).toBe(400);
    expect((await admin.get('/api/v1/cases?status=bogus')).status).toBe(400);
  });

  it('returns the same case when a create is retried with the same key', async () => {
    const v = new ApiClient(node.url);
    await v.asVisitor();
    // Several rounds of four racing retries: a replay must never see a case whose first message is not yet stored.
    for (let round = 0; round < 5; round++) {
      const body = { message: { body: `retry create ${round}`, clientMessageId: uid() } };
      const answers = await Promise.all([1, 2, 3, 4].map(() => v.post('/api/v1/cases', body)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(answers.every((a) => a.body.message?.body === `retry create ${round}`)).toBe(true);
    }
    const keyed = await v.post('/api/v1/cases', { message: { body: 'k', clientMessageId: uid() } }, { 'idempotency-key': 'same' });
    const again = await v.post('/api/v1/cases', { message: { body: 'k2', clientMessageId: uid() } }, { 'idempotency-key': 'same' });
    expect(again.body.id).toBe(keyed.body.id);
    expect(again.status).toBe(200);
  });

  it('refuses markup-only messages but keeps text with markup exactly as sent', async () => {
    const v = new ApiClient(node.url);
    await v.asVisitor();
    const bad = await v.post('/api/v1/cases', { message: { body: '<script>alert(1)</script>', clientMessageId: uid() } });
    expect(bad.status).toBe(400);
    const ok = await v.post('/api/v1/cases', { message: { body: 'a < b & <b>bold</b>', clientMessageId: uid() } });
    expect(ok.body.message.body).toBe('a < b & <b>bold</b>');
  });
});

describe('attachments and transcripts', () => {
  it('accepts a PNG by its bytes, refuses an executable named .png, and serves it only to those who may see the case', async () => {
    const a = new ApiClient(node.url);
    const b = new ApiClient(node.url);
    const admin = new ApiClient(node.url);
    await a.asNewCustomer();
    await b.asNewCustomer();
    await admin.asAdmin();
    const up = await upload(a, png, 'shot.png');
    expect(up.status).toBe(201);
    const { createHash } = await import('node:crypto');
    expect(up.body).toMatchObject({ mime: 'image/png', size: png.length, sha256: createHash('sha256').update(png).digest('hex') });
    const elf = await upload(a, Buffer.concat([Buffer.from('7f454c4602010100000000000000000002003e00', 'hex'), Buffer.alloc(200)]), 'evil.png');
    expect(elf.status).toBe(415);
    const text = await upload(a, Buffer.from('log: top-up 200000 failed at 10:02\n'), 'log.txt');
    expect(text.body.mime).toBe('text/plain');
    const c = await a.post('/api/v1/cases', { message: { body: 'see screenshot', clientMessageId: uid(), attachmentIds: [up.body.id] } });
    expect(c.status).toBe(201);
    expect(c.body.message.attachments[0].sha256).toBe(up.body.sha256);
    // An attachment cannot be reused, nor used by someone else.
    expect((await a.post(`/api/v1/cases/${c.body.id}/messages`, { body: 'again', clientMessageId: uid(), attachmentIds: [up.body.id] })).status).toBe(422);
    expect((await b.post('/api/v1/cases', { message: { body: 'steal', clientMessageId: uid(), attachmentIds: [text.body.id] } })).status).toBe(422);
    const mine = await fetch(`${node.url}/api/v1/attachments/${up.body.id}`, { headers: { cookie: `sapa_session=${a.cookies.get('sapa_session')}` } });
    expect(Buffer.from(await mine.arrayBuffer()).equals(png)).toBe(true);
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await b.get(`/api/v1/attachments/${up.body.id}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/attachments/${up.body.id}`)).status).toBe(200);
    const html = await a.get(`/api/v1/cases/${c.body.id}/transcript?format=html`);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.text).toContain(up.body.sha256);
    expect(html.text).toContain(c.body.reference);
    // The customer's language, as the widget asks for it.
    const zh = await a.get(`/api/v1/cases/${c.body.id}/transcript?format=html&download=1&locale=zh-CN`);
    expect(zh.text).toContain('<html lang="zh-CN">');
    expect(zh.text).toContain('工单记录');
    const json = await a.get(`/api/v1/cases/${c.body.id}/transcript?format=json`);
    expect(json.body.attachments[0].sha256).toBe(up.body.sha256);
    expect(json.body.statusHistory[0].type).toBe('created');
    expect(json.body.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows transcript times in the customer\'s time zone, named: ?tz=, else the device\'s, else the desk\'s; a bad tz is a 400', async () => {
    const a = new ApiClient(node.url);
    await a.asNewCustomer('Zone Person');
    // What the widget stores: the IANA name and the offset when the case was opened.
    const c = await a.post('/api/v1/cases', { message: { body: 'kapan saya menulis ini?', clientMessageId: uid() }, diagnostics: { os: 'Android 14', timeZone: 'Asia/Shanghai (UTC+08:00)' } });
    expect(c.status).toBe(201);
    const at = c.body.message.createdAt as string;
    // Wall-clock time in a zone, computed here independently of Sapa ('sv-SE' writes 2026-03-01 10:04:05).
    const local = (zone: string) => new Date(at).toLocaleString('sv-SE', { timeZone: zone });
    const utc = `${at.replace('T', ' ').slice(0, 19)} UTC<`;

    const device = await a.get(`/api/v1/cases/${c.body.id}/transcript?format=html`);
    expect(device.status).toBe(200);
    expect(device.text).toContain(`<time datetime="${at}">${local('Asia/Shanghai')} UTC+08:00</time>`);
    expect(device.text).toContain('Asia/Shanghai');
    expect(device.text).not.toContain(utc);

    // The customer's own zone, as the widget passes it, wins over the device record; the locale still applies.
    const asked = await a.get(`/api/v1/cases/${c.body.id}/transcript?format=html&tz=Asia/Jayapura&locale=id-ID`);
    expect(asked.status).toBe(200);
    expect(asked.text).toContain(`${local('Asia/Jayapura')} UTC+09:00</time>`);
    expect(asked.text).toContain('Waktu ditampilkan menurut zona waktu Asia/Jayapura.');
    expect(asked.text).not.toContain('UTC+08:00</time>');

    // JSON: timestamps stay ISO UTC; the zone used is named beside them.
    const json = await a.get(`/api/v1/cases/${c.body.id}/transcript?format=json&tz=asia/jakarta`);
    expect(json.body.timeZone).toBe('Asia/Jakarta');
    expect(json.body.messages[0].createdAt).toBe(at);
    expect((await a.get(`/api/v1/cases/${c.body.id}/transcript?format=json`)).body.timeZone).toBe('Asia/Shanghai');

    // A zone Intl does not know: 400 invalid_input naming the field, in the caller's language.
    for (const bad of ['Mars/Olympus_Mons', 'UTC+8', '']) {
      const r = await a.get(`/api/v1/cases/${c.body.id}/transcript?format=html&locale=zh-CN&tz=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'invalid_input', message: '部分字段无效。', details: [{ field: 'querystring.tz' }] });
    }

    // No zone asked for and none usable from the device: the desk's SAPA_TIMEZONE (default Asia/Jakarta).
    const old = await a.post('/api/v1/cases', { message: { body: 'dari peramban lama', clientMessageId: uid() }, diagnostics: { timeZone: 'unknown (UTC+08:00)' } });
    const desk = await a.get(`/api/v1/cases/${old.body.id}/transcript?format=html`);
    expect(desk.text).toContain(`<time datetime="${old.body.message.createdAt}">${new Date(old.body.message.createdAt).toLocaleString('sv-SE', { timeZone: 'Asia/Jakarta' })} UTC+07:00</time>`);
    expect(desk.text).toContain('Times are shown in the Asia/Jakarta time zone.');
    expect((await a.get(`/api/v1/cases/${old.body.id}/transcript?format=json`)).body.timeZone).toBe('Asia/Jakarta');
  });

  it('refuses an upload over the size limit with 413 and a message naming the limit', async () => {
    const small = await startNode({ SAPA_MAX_UPLOAD_MB: '0.01' });
    try {
      const v = new ApiClient(small.url);
      await v.asVisitor();
      const big = Buffer.concat([png, Buffer.alloc(20_000)]);
      const r = await upload(v, big, 'big.png');
      expect(r.status).toBe(413);
      expect(r.body.error.code).toBe('file_too_large');
    } finally {
      await small.stop();
    }
  });
});
