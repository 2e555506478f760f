import type { Locale } from '../../kernel/i18n.js';

// What the customer is told about their formal complaint, on the case's own channel, and the module's errors.
export const complaintMessages: Record<Locale, Record<string, string>> = {
  en: {
    'complaint.ack':
      'We have registered your formal complaint {reference} (received {received}). A complaints specialist, not the agent who handled your case, will review it, and you will receive our written answer by {due} at the latest. You can add evidence to this conversation at any time.',
    'complaint.extended': 'We need more time to answer your complaint {reference}: {reason} Our written answer will now reach you by {due} at the latest.',
    'complaint.answer.footer':
      'This is our answer to your formal complaint {reference}. If you disagree with it, you can take the complaint to the regulator: Kontak OJK 157, or Bank Indonesia through BICARA 131. Quote {reference} and keep this answer.',
    'complaint.statement.desired': 'What I would like: {desired}',
    'error.complaint_open': 'This case already has a formal complaint waiting for its answer.',
    'error.complaint_needs_account': 'Sign in to make a formal complaint, or tell us here and an agent will register it for you.',
    'error.complaint_answered': 'This complaint has already been answered. A complaint about the answer is registered as a new one.',
    'error.complaint_already_extended': 'The deadline of this complaint has already been extended once.',
    'error.complaint_no_extension': 'Extensions are switched off in the complaint settings.',
    'error.complaint_received_in_future': 'The date the complaint was received cannot be in the future.',
    'error.complaint_received_too_early': 'A complaint on this case cannot have been received more than {days} days before the case was opened: the earliest date is {earliestText}. Check the year.',
    'error.complaint_not_found': 'There is no such complaint.',
  },
  'id-ID': {
    'complaint.ack':
      'Pengaduan resmi Anda telah kami catat dengan nomor {reference} (diterima {received}). Petugas pengaduan, bukan agen yang menangani kasus Anda, akan memeriksanya, dan jawaban tertulis kami akan Anda terima paling lambat {due}. Anda dapat menambahkan bukti di percakapan ini kapan saja.',
    'complaint.extended': 'Kami memerlukan waktu tambahan untuk menjawab pengaduan {reference}: {reason} Jawaban tertulis kami akan Anda terima paling lambat {due}.',
    'complaint.answer.footer':
      'Ini adalah jawaban kami atas pengaduan resmi Anda {reference}. Jika Anda tidak setuju, Anda dapat meneruskan pengaduan ke regulator: Kontak OJK 157, atau Bank Indonesia melalui BICARA 131. Sebutkan nomor {reference} dan simpan jawaban ini.',
    'complaint.statement.desired': 'Yang saya harapkan: {desired}',
    'error.complaint_open': 'Kasus ini sudah memiliki pengaduan resmi yang menunggu jawaban.',
    'error.complaint_needs_account': 'Masuk ke akun Anda untuk mengajukan pengaduan resmi, atau ceritakan di sini dan agen kami akan mencatatkannya untuk Anda.',
    'error.complaint_answered': 'Pengaduan ini sudah dijawab. Keberatan atas jawaban dicatat sebagai pengaduan baru.',
    'error.complaint_already_extended': 'Batas waktu pengaduan ini sudah pernah diperpanjang.',
    'error.complaint_no_extension': 'Perpanjangan dinonaktifkan di pengaturan pengaduan.',
    'error.complaint_received_in_future': 'Tanggal pengaduan diterima tidak boleh di masa depan.',
    'error.complaint_received_too_early': 'Pengaduan pada kasus ini tidak mungkin diterima lebih dari {days} hari sebelum kasusnya dibuka: paling awal {earliestText}. Periksa tahunnya.',
    'error.complaint_not_found': 'Pengaduan tidak ditemukan.',
  },
  'zh-CN': {
    'complaint.ack': '我们已登记您的正式投诉 {reference}（受理时间 {received}）。将由投诉专员（而非处理您工单的客服）进行审核，您最迟将于 {due} 前收到我们的书面答复。您可以随时在此对话中补充证据。',
    'complaint.extended': '我们需要更多时间答复您的投诉 {reference}：{reason} 您最迟将于 {due} 前收到我们的书面答复。',
    'complaint.answer.footer': '以上是我们对您的正式投诉 {reference} 的答复。如您不同意，可向监管机构投诉：印尼金融服务管理局 Kontak OJK 157，或印尼央行 BICARA 131。请提供编号 {reference} 并保留本答复。',
    'complaint.statement.desired': '我希望：{desired}',
    'error.complaint_open': '该工单已有一项等待答复的正式投诉。',
    'error.complaint_needs_account': '请登录后提交正式投诉，或在此告诉我们，由客服为您登记。',
    'error.complaint_answered': '该投诉已答复。对答复的异议将作为新的投诉登记。',
    'error.complaint_already_extended': '该投诉的期限已经延长过一次。',
    'error.complaint_no_extension': '投诉设置中已关闭延期。',
    'error.complaint_received_in_future': '投诉受理日期不能晚于现在。',
    'error.complaint_received_too_early': '此工单上的投诉受理时间不能早于工单创建前 {days} 天：最早为 {earliestText}。请检查年份。',
    'error.complaint_not_found': '没有找到该投诉。',
  },
};
