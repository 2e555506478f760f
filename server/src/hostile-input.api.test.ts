import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startNode, uid, type TestNode } from './testing.js';

// Throws malformed, oversized and hostile bodies at every JSON route and checks the contract's promise: a 4xx with
// the error envelope, never a 5xx, and nothing stored changes.
let node: TestNode;
let customer: ApiClient;
let caseId: string;
beforeAll(async () => {
  node = await startNode();
  customer = new ApiClient(node.url);
  await customer.asNewCustomer();
  caseId = (await customer.post('/api/v1/cases', { message: { body: 'baseline', clientMessageId: uid() } })).body.id;
});
afterAll(async () => node?.stop());

const hostileString = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.constantFrom("'; DROP TABLE cases; --", '<script>alert(1)</script>', '\u0000', '\ud800', '${jndi:ldap://x}', '../../etc/passwd', '%00', '💥'.repeat(10)),
  fc.constant('x'.repeat(1_100_000)),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 })),
})).value;
const rawBody = fc.oneof(
  fc.constantFrom('{', '[]', 'null', '"x"', '\xff\xfe\xfd', '{"__proto__":{"admin":true}}', '{"a":'.repeat(500) + '1' + '}'.repeat(500)),
  hostileValue.map((v) => JSON.stringify(v) ?? 'null'),
  fc.record({ message: fc.record({ body: hostileValue, clientMessageId: hostileValue }) }).map((v) => JSON.stringify(v)),
  fc.record({ login: hostileValue, password: hostileValue }).map((v) => JSON.stringify(v)),
);

const routes = () => [
  '/api/v1/cases',
  `/api/v1/cases/${caseId}/messages`,
  "/api/v1/cases/'%20OR%201=1--/messages",
  '/api/v1/auth/login',
  '/api/v1/auth/register',
  '/api/v1/widget/sessions',
  '/api/v1/agents',
  '/api/v1/me/password',
];

async function snapshot() {
  const r = await customer.get(`/api/v1/cases/${caseId}/messages?afterSeq=0&limit=500`);
  return JSON.stringify(r.body.items.map((m: { seq: number; body: string }) => [m.seq, m.body]));
}

describe('hostile input', () => {
  it('answers every malformed body on every route with a 4xx envelope and changes nothing stored', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes()), rawBody, async (path, body) => {
        const r = await customer.request(path.includes('agents') || path.includes('password') ? 'POST' : 'POST', path, body, { 'content-type': 'application/json' });
        // A well-formed create can legitimately succeed; anything else must be a 4xx with the envelope.
        if (r.status < 300) return path.endsWith('/cases') || path.includes('widget') || path.endsWith('/messages');
        expect(r.status, `${path} ${body.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(r.body?.error?.code, r.text.slice(0, 200)).toMatch(/^[a-z_]+$/);
        expect(r.text).not.toMatch(/at .*\.(ts|js):\d+/);
        return true;
      }),
      { numRuns: 150, seed: 20261126 },
    );
    // Messages created by accidentally well-formed bodies get new seqs; nothing earlier changed.
    const after = await snapshot();
    expect(after.startsWith(before.slice(0, -1))).toBe(true);
  });

  it('refuses text PostgreSQL cannot store with 400 naming the field, in the caller’s language, and stores nothing', async () => {
    const before = await snapshot();
    for (const [path, body, field] of [
      [`/api/v1/cases/${caseId}/messages`, { body: 'nul \u0000 here', clientMessageId: uid() }, 'body.body'],
      [`/api/v1/cases/${caseId}/messages`, { body: 'half an emoji \ud83d', clientMessageId: uid() }, 'body.body'],
      ['/api/v1/cases', { subject: 'x\u0000', message: { body: 'ok', clientMessageId: uid() } }, 'body.subject'],
    ] as const) {
      const r = await customer.post(`${path}?locale=id-ID`, body);
      expect(r.status, path).toBe(400);
      expect(r.body.error.code).toBe('invalid_text');
      expect(r.body.error.details).toEqual([{ field, message: expect.stringContaining('tidak bisa disimpan') }]);
    }
    expect(await snapshot()).toBe(before);
    for (const [path, field] of [[`/api/v1/cases/%00`, 'params.id'], [`/api/v1/cases/${caseId}/messages?afterSeq=0&x=%00`, 'querystring.x'], ['/api/v1/cases?q=a%00', 'querystring.q']]) {
      const r = await customer.get(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error.details[0].field).toBe(field);
    }
  });

  it('answers unknown routes, wrong methods and hostile query strings with the envelope', async () => {
    for (const path of ['/api/v1/nope', '/api/v1/cases/%E0%A4%A', `/api/v1/cases?limit=-1`, `/api/v1/cases/${caseId}/messages?afterSeq=abc`]) {
      const r = await customer.get(path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      expect(r.body.error.code, path).toBeTruthy();
    }
    const put = await customer.put('/api/v1/cases', {});
    expect(put.status).toBe(404);
    expect(put.body.error.code).toBe('not_found');
  });
});
