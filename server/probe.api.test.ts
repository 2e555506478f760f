import { afterAll, beforeAll, it } from 'vitest';
import { ApiClient, startNode, type TestNode } from './src/testing.js';
let node: TestNode;
beforeAll(async () => { node = await startNode({ SAPA_DEMO: '1' }); });
afterAll(async () => node?.stop());
async function talk(who: string | null, msgs: string[]) {
  const c = new ApiClient(node.url);
  if (who) await c.login(who, 'Sapa-Demo-Customer-2026!'); else await c.asVisitor();
  let caseId: string | undefined;
  console.log(`\n===== ${who ?? 'visitor'}`);
  for (const text of msgs) {
    const r = await c.post('/api/v1/assistant/messages', { text, caseId });
    caseId = r.body.caseId ?? caseId;
    console.log(`> ${text}\n[${r.body.intent} ${r.body.confidence?.toFixed?.(2)} handoff=${r.body.handoff} ${r.status}]\n${r.body.reply ?? JSON.stringify(r.body)}\n`);
  }
}
it('probe', async () => {
  const c = new ApiClient(node.url);
  for (const text of ['I cannot reach support. Where is my 1,000,000 transfer from Mandiri?', '你們的客服太爛了！！！', 'CS kalian payah banget', 'your support is useless']) {
    const r = await c.post('/api/v1/assistant/classify', { text });
    console.log(text, JSON.stringify(r.body.ranking.slice(0, 3)));
  }
  await talk('alice@demo.sapa.test', ['I cannot reach support. Where is my 1,000,000 transfer from Mandiri?']);
  await talk(null, ['top up gw blm masuk', 'udh 2 jam bgt anjir']);
  await talk('budi@demo.sapa.test', ['transfer 500rb ke siti gagal', 'udh 5 jam gak masuk2, gimana sih kalian']);
  await talk('wang.fang@demo.sapa.test', ['我的账户被锁了，还有上周的淘宝退款也没收到']);
}, 120000);
