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
  await talk('budi@demo.sapa.test', ['top up 200rb gw blm masuk', 'eh udh masuk ternyata, gpp makasih']);
  await talk('budi@demo.sapa.test', ['top up 200rb gw blm masuk', 'oke makasih infonya']);
  await talk('wang.fang@demo.sapa.test', ['我充值的30万没到账', '还要等多久？']);
  await talk(null, ['我要找人工客服，周末有人吗？']);
  await talk(null, ['客服排队排了一个小时都没人']);
  await talk('wang.fang@demo.sapa.test', ['打客服电话一直占线']);
  await talk(null, ['Your support phone line is always busy']);
  await talk(null, ['我已经检查过网络了，重启了路由器，还是联系不上客服']);
  await talk(null, ['The support page is blank in my browser']);
  await talk(null, ['网站上有在线聊天吗？']);
  await talk(null, ['客服解决不了我的问题怎么办？']);
  await talk(null, ['钱包常见问题有哪些？']);
  await talk(null, ['Should I keep screenshots as evidence?']);
  await talk(null, ['我的账户被封了，连客服都找不到']);
  await talk('alice@demo.sapa.test', ['when will an agent reply?']);
  const admin = new ApiClient(node.url); await admin.asAdmin();
  const inc = await admin.post('/api/v1/status/incidents', { title: 'Live chat down', impact: 'major', message: 'Live chat does not load.', components: [{ id: 'live_chat', status: 'major_outage' }] });
  console.log(inc.status);
  await talk(null, ['chat CS tidak bisa dibuka']);
}, 120000);
