import type { Desk } from '../../kernel/desk.js';
import { listAgents } from '../identity/service.js';
import * as store from './store.js';

const canned: { title: string; shortcut: string; bodies: Record<string, string> }[] = [
  {
    title: 'Greeting',
    shortcut: 'hi',
    bodies: {
      en: 'Hi {{customer.name}}, thanks for reaching out. I’m {{agent.name}} and I’ll take care of case {{case.reference}}.',
      'id-ID': 'Halo Kak {{customer.name}}, terima kasih sudah menghubungi kami. Saya {{agent.name}}, saya bantu untuk kasus {{case.reference}} ya.',
      'zh-CN': '{{customer.name}}您好，感谢您的联系。我是{{agent.name}}，将为您处理工单 {{case.reference}}。',
    },
  },
  {
    title: 'Top-up being checked',
    shortcut: 'topup',
    bodies: {
      en: 'We can see your top-up is still pending with the bank. Most pending top-ups are credited within 2 hours; if it isn’t, it is returned to your bank account automatically. We’ll update case {{case.reference}} as soon as it moves.',
      'id-ID': 'Top up Kakak masih berstatus pending di bank. Umumnya saldo masuk dalam 2 jam; jika tidak, dana otomatis kembali ke rekening bank Kakak. Kami kabari lagi di kasus {{case.reference}} begitu ada perubahan.',
      'zh-CN': '您的充值在银行端仍处于处理中。大多数充值会在 2 小时内到账；如未到账，款项会自动退回您的银行账户。有进展时我们会在工单 {{case.reference}} 中第一时间通知您。',
    },
  },
  {
    title: 'Verify identity to unlock',
    shortcut: 'unlock',
    bodies: {
      en: 'For your safety the account was locked after a sign-in from a new device. To unlock it, please reply with a photo of your ID card and a selfie holding it. Never share your PIN or OTP with anyone, including us.',
      'id-ID': 'Demi keamanan, akun Kakak dikunci setelah login dari perangkat baru. Untuk membukanya, balas dengan foto KTP dan swafoto sambil memegang KTP. Jangan pernah membagikan PIN atau OTP kepada siapa pun, termasuk kami.',
      'zh-CN': '为保障您的安全，账户在新设备登录后已被冻结。解冻请回复您的身份证照片及手持身份证的自拍照。请勿向任何人（包括我们）透露 PIN 或验证码。',
    },
  },
  {
    title: 'Closing',
    shortcut: 'bye',
    bodies: {
      en: 'Glad we could sort this out, {{customer.name}}. If anything else comes up, just reply here and case {{case.reference}} reopens.',
      'id-ID': 'Senang bisa membantu, Kak {{customer.name}}. Kalau ada kendala lain, balas saja di sini dan kasus {{case.reference}} akan dibuka kembali.',
      'zh-CN': '很高兴问题已解决，{{customer.name}}。如有其他问题，直接回复即可重新打开工单 {{case.reference}}。',
    },
  },
];

/** Saved replies and two teams, so the console's canned responses and transfers have something to show. */
export async function seedConsoleDemo(desk: Desk): Promise<void> {
  for (const c of canned) {
    if (!(await store.findCannedByShortcut(desk.db, c.shortcut))) await store.insertCanned(desk.db, { ...c, createdBy: null });
  }
  const agents = await listAgents(desk);
  const byEmail = (email: string) => agents.find((a) => a.email === email)?.id;
  const existing = new Set((await store.allTeams(desk.db)).map((t) => t.name));
  const teams: [string, (string | undefined)[]][] = [
    ['Payments', [byEmail('rina@demo.sapa.test')]],
    ['Trust & Safety', [byEmail('liwei@demo.sapa.test')]],
  ];
  for (const [name, members] of teams) {
    if (existing.has(name)) continue;
    const team = await store.insertTeam(desk.db, name);
    await store.setMembers(desk.db, team.id, members.filter((m): m is string => Boolean(m)));
  }
}
