import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { callbackSite } from './pages.js';
import { callbackRoutes } from './routes.js';
import { REMINDER_QUEUE, runReminder } from './service.js';

registerMessages({
  en: {
    'error.slot_passed': 'That time has already passed. Choose one of the next free slots ({timezone}).',
    'callbacks.unverified_unnamed': 'Booked without signing in, for {phone}: nobody has verified who this is.',
    'callbacks.unverified': 'Booked without signing in, by "{name}" for {phone}: nobody has verified who this is.',
    'callbacks.known_number': 'The number {phone} belongs to customer {customer} (id {customerId}), but this booking is NOT verified: anyone can type a number. The case is not in their account; verify the person on the call before you discuss that account.',
    'error.slot_unavailable': 'That time cannot be booked: callbacks are made during phone hours and each slot takes a limited number of calls. Choose one of the next free slots.',
    'error.callback_closed': 'This callback is already finished; book a new one instead.',
    'callbacks.request': 'Please call me back on {phone}, {when}. Topic: {topic}',
    'callbacks.confirmation': 'Your callback is booked: we will call {phone} on {when}. Your case reference is {reference}. We will remind you shortly before.',
    'callbacks.reminder': 'Reminder: we will call you on {phone} at {when}. Please keep your phone nearby.',
    'callbacks.rescheduled': 'Your callback has moved to {when}.',
    'callbacks.cancelled': 'Your callback was cancelled. Reply here if you still need help with case {reference}.',
    'callbacks.retry': 'We tried to call you but could not reach you. We will try {phone} again on {when}.',
    'callbacks.gave_up': 'We could not reach you by phone. Reply here with a good time to call, or keep writing to us on case {reference}.',
    'callbacks.log.completed': 'Callback (attempt {attempt}) completed. Outcome: {outcome}. Notes: {notes}',
    'callbacks.log.missed': 'Callback (attempt {attempt}) missed: the customer could not be reached. Notes: {notes}',
    'callbacks.log.cancelled': 'Callback (attempt {attempt}) cancelled. Notes: {notes}',
    'calls.subject': 'Phone call from {phone}',
    'calls.log.inbound': 'Inbound call from {phone}: duration {duration}, {status}. Recording: {recording}',
    'calls.log.outbound': 'Outbound call to {phone}: duration {duration}, {status}. Recording: {recording}',
  },
  'id-ID': {
    'error.slot_passed': 'Waktu itu sudah lewat. Pilih salah satu slot kosong berikutnya ({timezone}).',
    'callbacks.unverified_unnamed': 'Dipesan tanpa masuk akun, untuk {phone}: identitasnya belum diverifikasi siapa pun.',
    'callbacks.unverified': 'Dipesan tanpa masuk akun, oleh "{name}" untuk {phone}: identitasnya belum diverifikasi siapa pun.',
    'callbacks.known_number': 'Nomor {phone} milik pelanggan {customer} (id {customerId}), tetapi pemesanan ini TIDAK terverifikasi: siapa pun bisa mengetik nomor. Kasus ini tidak masuk ke akun pelanggan itu; verifikasi orang yang ditelepon sebelum membahas akun tersebut.',
    'error.slot_unavailable': 'Waktu itu tidak bisa dipesan: panggilan balik dilakukan pada jam layanan telepon dan setiap slot terbatas. Pilih salah satu slot kosong berikutnya.',
    'error.callback_closed': 'Panggilan balik ini sudah selesai; silakan pesan yang baru.',
    'callbacks.request': 'Mohon telepon saya kembali di {phone}, {when}. Topik: {topic}',
    'callbacks.confirmation': 'Panggilan balik Anda sudah dijadwalkan: kami akan menelepon {phone} pada {when}. Nomor kasus Anda {reference}. Kami akan mengingatkan Anda sebelumnya.',
    'callbacks.reminder': 'Pengingat: kami akan menelepon Anda di {phone} pada {when}. Mohon siapkan ponsel Anda.',
    'callbacks.rescheduled': 'Panggilan balik Anda dipindahkan ke {when}.',
    'callbacks.cancelled': 'Panggilan balik Anda dibatalkan. Balas di sini jika masih butuh bantuan untuk kasus {reference}.',
    'callbacks.retry': 'Kami sudah mencoba menelepon tetapi tidak tersambung. Kami akan mencoba {phone} lagi pada {when}.',
    'callbacks.gave_up': 'Kami tidak berhasil menghubungi Anda lewat telepon. Balas di sini dengan waktu yang cocok, atau lanjutkan lewat pesan di kasus {reference}.',
    'callbacks.log.completed': 'Panggilan balik (percobaan {attempt}) selesai. Hasil: {outcome}. Catatan: {notes}',
    'callbacks.log.missed': 'Panggilan balik (percobaan {attempt}) tidak tersambung: pelanggan tidak bisa dihubungi. Catatan: {notes}',
    'callbacks.log.cancelled': 'Panggilan balik (percobaan {attempt}) dibatalkan. Catatan: {notes}',
    'calls.subject': 'Panggilan telepon dari {phone}',
    'calls.log.inbound': 'Panggilan masuk dari {phone}: durasi {duration}, {status}. Rekaman: {recording}',
    'calls.log.outbound': 'Panggilan keluar ke {phone}: durasi {duration}, {status}. Rekaman: {recording}',
  },
  'zh-CN': {
    'error.slot_passed': '该时间已经过去，请从下一批空闲时段中选择（{timezone}）。',
    'callbacks.unverified_unnamed': '未登录预约，号码 {phone}：身份未经任何核验。',
    'callbacks.unverified': '未登录预约，预约人“{name}”，号码 {phone}：身份未经任何核验。',
    'callbacks.known_number': '号码 {phone} 属于客户 {customer}（id {customerId}），但此预约未经核验：任何人都能填写这个号码。此工单未归入该客户账户；在电话中谈及该账户前，请先核验对方身份。',
    'error.slot_unavailable': '该时间无法预约：回拨仅在电话服务时间内进行，且每个时段名额有限。请从下一批空闲时段中选择。',
    'error.callback_closed': '此回拨已结束，请重新预约。',
    'callbacks.request': '请在{when}回拨我的电话 {phone}。事由：{topic}',
    'callbacks.confirmation': '回拨已预约：我们将在{when}致电 {phone}。您的工单编号是 {reference}。我们会在回拨前提醒您。',
    'callbacks.reminder': '提醒：我们将在{when}致电 {phone}，请保持电话畅通。',
    'callbacks.rescheduled': '您的回拨已改到{when}。',
    'callbacks.cancelled': '您的回拨已取消。如仍需帮助，请在工单 {reference} 中回复。',
    'callbacks.retry': '我们尝试致电但未能接通，将于{when}再次拨打 {phone}。',
    'callbacks.gave_up': '我们未能通过电话联系到您。请在此回复方便接听的时间，或继续在工单 {reference} 中留言。',
    'callbacks.log.completed': '回拨（第 {attempt} 次）已完成。结果：{outcome}。备注：{notes}',
    'callbacks.log.missed': '回拨（第 {attempt} 次）未接通：无法联系到客户。备注：{notes}',
    'callbacks.log.cancelled': '回拨（第 {attempt} 次）已取消。备注：{notes}',
    'calls.subject': '来自 {phone} 的电话',
    'calls.log.inbound': '来电 {phone}：时长 {duration}，{status}。录音：{recording}',
    'calls.log.outbound': '去电 {phone}：时长 {duration}，{status}。录音：{recording}',
  },
});

/**
 * Phone callbacks (booking in phone hours, reminders, outcomes, retries), the help center's booking page
 * (/help/{locale}/callback) and the telephony call-log webhook.
 */
export const callbacksModule: SapaModule = {
  name: 'callbacks',
  api: callbackRoutes,
  site: callbackSite,
  setup(desk) {
    desk.jobs.handle<{ callbackId: string; slot: string }>(REMINDER_QUEUE, (job) => runReminder(desk, job.payload));
  },
};
