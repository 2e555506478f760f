import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, testDatabase, type TestNode } from './testing.js';

// Nodes of one cluster often start at the same moment (a deploy, a restart of every pod). On a shared PostgreSQL
// they must take turns to migrate and to create the first records, or one of them dies on a unique violation.
describe.runIf(testDatabase() === 'postgres')('nodes starting together on one database', () => {
  const nodes: TestNode[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('all come up, with one bootstrap admin and one set of demo data', async () => {
    const started = await Promise.allSettled([1, 2, 3].map(() => startNode({ SAPA_DEMO: '1' }, { quiet: true })));
    for (const s of started) if (s.status === 'fulfilled') nodes.push(s.value);
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);

    for (const node of nodes) expect((await new ApiClient(node.url).get('/readyz')).status).toBe(200);
    const admin = new ApiClient(nodes[2].url);
    await admin.asAdmin();
    const demo = await admin.get('/api/v1/cases?category=topup_failed&limit=100');
    expect(demo.body.items.filter((c: { transactionRef: string }) => c.transactionRef === 'TX-TOPUP-1001')).toHaveLength(1);
    // The demo's rated conversations: one survey each, however many nodes seeded at once.
    expect((await admin.get('/api/v1/csat/report')).body).toMatchObject({ sent: 2, answered: 2, csat: 0.5, distribution: { '2': 1, '5': 1 } });
    // And one formal complaint, with one acknowledgement.
    const complaints = (await admin.get('/api/v1/complaints?state=all')).body.items;
    expect(complaints).toHaveLength(1);
    const told = (await admin.get(`/api/v1/cases/${complaints[0].caseId}/messages?afterSeq=0`)).body.items.filter((m: { metadata: { complaint?: unknown } | null }) => m.metadata?.complaint);
    expect(told).toHaveLength(1);
  });
});
