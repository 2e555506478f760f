import type { Locale } from '../../kernel/i18n.js';

/**
 * What the assistant says for each intent of the taxonomy, in each language: the usual cause, what to do now, and
 * the next step. Written for the situation, not generic; facts from the wallet and the status page are added to it.
 */
export interface IntentGuide {
  cause: string;
  steps: string[];
  /** The steps for an account the wallet has locked, whose owner cannot sign in to change anything. */
  lockedSteps?: string[];
  next: string;
}

type Guides = Record<string, IntentGuide>;

const en: Guides = {
  topup_failed: {
    cause: 'A top-up usually gets stuck because the bank has not confirmed the transfer yet, the virtual account number or amount did not match, or the bank or card issuer refused it.',
    steps: ['Check that the amount and virtual account number on your bank receipt match the top-up you created.', 'Bank transfers and virtual accounts usually arrive within 10 minutes; card top-ups are instant or refused.', 'Keep the receipt or a screenshot of the bank confirmation.'],
    next: 'If it is still not credited after 1 hour, write here again and I will pass it to an agent with your transaction, to trace it with the bank.',
  },
  payment_failed: {
    cause: 'Payments fail most often because of insufficient balance, a daily limit, an expired QR code or a merchant-side timeout. A double charge is normally reversed automatically.',
    steps: ['Check your balance and today’s limit in the app.', 'Ask the merchant whether they received the payment before paying again.', 'If you were charged twice, do not pay again: the extra charge is reversed automatically, usually within 1–3 working days.'],
    next: 'If the money was taken but the merchant shows unpaid, I will hand the transaction to an agent.',
  },
  transfer_failed: {
    cause: 'Transfers are rejected when the recipient’s account details are wrong, the receiving bank declines it, or a limit is reached. When a transfer fails, the money comes back to your balance.',
    steps: ['Double-check the recipient’s account number, bank and name.', 'Check your daily transfer limit and your balance including the fee.', 'Wait for the refund of a failed transfer before trying again, so you are not charged twice.'],
    next: 'If the money left your balance and has not come back, an agent will trace it for you.',
  },
  funds_not_received: {
    cause: 'Incoming money can be delayed by the sending bank, by a transfer still pending, or by a refund that takes a few working days.',
    steps: ['Ask the sender for the transfer receipt and reference number.', 'Refunds and bank withdrawals can take 1–3 working days (longer over weekends and holidays).', 'Check the Transactions tab for a pending entry.'],
    next: 'If the sender shows it as completed and you still have nothing after 1 working day, an agent will trace it.',
  },
  // A withdrawal to the customer's own bank: no sender to ask, and a refused one comes back to the balance.
  'funds_not_received:withdrawal': {
    cause: 'A withdrawal to your bank usually arrives within 1 working day (up to 3 over weekends and holidays); one the bank refuses, for a wrong account number or name, comes back to your balance.',
    steps: ['Check the bank account number and name on the withdrawal in the Transactions tab.', 'Look at your bank statement, not only the bank app’s notifications: it may show under our company’s name.', 'Keep a screenshot of the withdrawal’s details and its reference.'],
    next: 'If the wallet shows it completed and your bank still has nothing after 1 working day, an agent will trace it with the bank.',
  },
  unauthorized_transaction: {
    cause: 'A transaction you did not make usually means someone learned your PIN, OTP or password, or a device you lost is still signed in.',
    steps: ['Change your PIN and password now and sign out of other devices.', 'Never share an OTP: we will never ask for it.', 'Keep screenshots of the transactions you do not recognise.'],
    next: 'I am passing this to our team as urgent so they can secure your account and investigate.',
  },
  account_locked: {
    cause: 'Accounts are locked to protect your money: after several wrong PINs, a sign-in from a new device, unusual activity, or incomplete identity verification.',
    steps: ['Do not create a new account; your balance stays safe in the locked one.', 'Have your ID card (KTP/passport) and a selfie ready for identity verification.', 'You can always reach us from here, even while the account is locked.'],
    next: 'I have opened a verification case for you; an agent will confirm your identity and unlock the account.',
  },
  login_problem: {
    cause: 'Sign-in problems usually come from a forgotten PIN or password, an OTP that does not arrive (weak signal, wrong number, SMS blocked), or a new phone.',
    steps: ['Use “Forgot PIN” on the sign-in screen to reset it.', 'If the OTP does not arrive: check signal, wait 60 seconds before asking again, and make sure the number is yours; try the WhatsApp or voice OTP option.', 'On a new phone, sign in with your registered number and verify with your ID if asked.'],
    next: 'If you changed your phone number and cannot receive OTPs, an agent can help you update it after verifying your identity.',
  },
  security_setup: {
    cause: 'Most account takeovers start with a guessed password or a shared OTP.',
    steps: ['Use a long, unique password and a PIN that is not your birth date.', 'Turn on two-factor authentication and review your trusted devices.', 'Check your transaction history regularly and turn on activity alerts.', 'Never share your PIN or OTP, and only use the official app and channels.'],
    next: 'Our security articles walk through each setting step by step.',
  },
  phishing_report: {
    cause: 'Scammers pretend to be the wallet by phone, SMS, email or social media to get your PIN or OTP.',
    steps: ['Do not click the link, call back, or share any code.', 'If you already shared a code or PIN, change your PIN now and tell us.', 'Keep a screenshot of the message or the number that contacted you.'],
    lockedSteps: ['Do not click the link, call back, or share any code.', 'Your account is locked, so nobody can use it now: it is unlocked only here, after a person verifies you, never through a link or a caller.', 'Keep a screenshot of the message or the number that contacted you.'],
    next: 'I have recorded your report for our security team. Only the official channels listed here are ours.',
  },
  support_unreachable: {
    cause: 'Support can seem unreachable because of a poor connection, maintenance or an outage, an outdated app, or a browser that blocks live connections.',
    steps: ['Try switching between Wi-Fi and mobile data, or another device.', 'Update the app, or clear the browser cache and try another browser.'],
    next: 'You reached me, so this channel works: write your problem here and it will not be lost.',
  },
  app_problem: {
    cause: 'Crashes and errors usually come from an outdated app version, low storage, or a bug in a specific version.',
    steps: ['Update the app to the latest version from the official store.', 'Restart your phone and free some storage.', 'If it still fails, reinstall the app: your balance is safe on your account, not on the phone.', 'Take a screenshot of the error message.'],
    next: 'If the error continues, send the screenshot and an agent will pass it to our engineers.',
  },
  service_status: {
    cause: 'Services can be slow or unavailable during an outage or scheduled maintenance.',
    steps: ['The status page shows every service and any incident, updated live.', 'You can subscribe to updates by email.'],
    next: 'If a service is down, please wait for the fix: transactions are not lost and will complete or be refunded.',
  },
  contact_channels: {
    cause: '',
    // The channels themselves come from the live list (an admin may switch one off): no names written here.
    steps: ['This assistant is in the app and on the website at any hour. Every channel we run now, with its hours:'],
    next: 'Only the channels listed here are official: we never contact you from personal numbers.',
  },
  service_hours: {
    cause: '',
    steps: ['This assistant answers 24 hours a day, every day.', 'Messages sent outside agent hours are kept and answered first when agents start.'],
    next: 'You can write now; nothing you send is lost.',
  },
  human_agent: {
    cause: '',
    steps: [],
    next: 'I am passing you to a person now, with everything you have told me so you do not have to repeat it.',
  },
  complaint: {
    cause: '',
    steps: ['Describe what happened, when, and what you expect us to do.', 'Attach evidence: screenshots, transaction references, chat transcripts.', 'You will get a reference number; formal complaints are answered within the regulatory deadline.', 'If you are not satisfied with our answer, you can take the complaint to the financial services regulator (in Indonesia: OJK, or Bank Indonesia for payment systems).'],
    next: 'I am passing this to a person now, marked as a complaint: they register it as a formal complaint, and you get its reference and the date of our written answer. Signed in to the chat, you can also file it yourself under "Formal complaint".',
  },
  update_account_info: {
    cause: 'Your phone number, email and name are tied to your identity, so changes need verification.',
    steps: ['Email and name can be changed in Profile > Account settings.', 'To change your phone number, you need access to the old number or an identity check with your ID card.'],
    next: 'If you no longer have the old number, an agent can verify your identity and change it for you.',
  },
  case_followup: {
    cause: '',
    steps: [],
    next: 'An agent will reply on your case; you will be notified here.',
  },
  out_of_scope: {
    cause: '',
    steps: [],
    next: 'I can help with top-ups, payments, transfers, your account and its security, and reaching support. Could you tell me what happened with your wallet?',
  },
};

const id: Guides = {
  topup_failed: {
    cause: 'Top up biasanya tertahan karena bank belum mengonfirmasi transfer, nomor virtual account atau nominal tidak cocok, atau bank/penerbit kartu menolaknya.',
    steps: ['Cek apakah nominal dan nomor virtual account di bukti transfer sama dengan top up yang dibuat.', 'Transfer bank dan virtual account biasanya masuk dalam 10 menit; top up kartu langsung masuk atau ditolak.', 'Simpan bukti transfer atau tangkapan layar konfirmasi bank.'],
    next: 'Kalau setelah 1 jam saldo belum masuk, tulis lagi di sini dan saya teruskan ke agen beserta data transaksinya agar dilacak ke bank.',
  },
  payment_failed: {
    cause: 'Pembayaran paling sering gagal karena saldo kurang, limit harian, kode QR kedaluwarsa, atau gangguan di sisi merchant. Tagihan ganda biasanya dikembalikan otomatis.',
    steps: ['Cek saldo dan limit hari ini di aplikasi.', 'Tanyakan ke merchant apakah pembayaran sudah diterima sebelum membayar lagi.', 'Kalau terpotong dua kali, jangan bayar lagi: kelebihannya dikembalikan otomatis, biasanya 1–3 hari kerja.'],
    next: 'Kalau saldo terpotong tapi merchant menyatakan belum dibayar, saya teruskan transaksinya ke agen.',
  },
  transfer_failed: {
    cause: 'Transfer ditolak bila data rekening tujuan salah, bank penerima menolak, atau limit tercapai. Transfer yang gagal dananya kembali ke saldo Anda.',
    steps: ['Periksa lagi nomor rekening, bank, dan nama penerima.', 'Cek limit transfer harian dan saldo termasuk biaya admin.', 'Tunggu pengembalian dana transfer yang gagal sebelum mencoba lagi agar tidak terpotong dua kali.'],
    next: 'Kalau saldo sudah terpotong dan belum kembali, agen akan melacaknya untuk Anda.',
  },
  funds_not_received: {
    cause: 'Dana masuk bisa tertunda di bank pengirim, karena transfer masih diproses, atau karena refund butuh beberapa hari kerja.',
    steps: ['Minta bukti transfer dan nomor referensi ke pengirim.', 'Refund dan penarikan ke bank bisa 1–3 hari kerja (lebih lama di akhir pekan dan hari libur).', 'Cek tab Transaksi untuk entri yang masih diproses.'],
    next: 'Kalau pengirim menyatakan berhasil dan setelah 1 hari kerja dana belum masuk, agen akan melacaknya.',
  },
  'funds_not_received:withdrawal': {
    cause: 'Penarikan ke rekening bank biasanya masuk dalam 1 hari kerja (sampai 3 hari di akhir pekan dan hari libur); penarikan yang ditolak bank, karena nomor atau nama rekening salah, kembali ke saldo Anda.',
    steps: ['Cek nomor dan nama rekening pada penarikan itu di tab Transaksi.', 'Lihat mutasi rekening, bukan hanya notifikasi aplikasi bank: dana bisa tercatat atas nama perusahaan kami.', 'Simpan tangkapan layar rincian penarikan dan nomor referensinya.'],
    next: 'Kalau di dompet penarikan tercatat berhasil tetapi setelah 1 hari kerja belum ada di bank, agen akan melacaknya ke bank.',
  },
  unauthorized_transaction: {
    cause: 'Transaksi yang tidak Anda lakukan biasanya berarti ada yang tahu PIN, OTP, atau kata sandi Anda, atau perangkat yang hilang masih masuk ke akun.',
    steps: ['Segera ganti PIN dan kata sandi, lalu keluarkan perangkat lain.', 'Jangan pernah membagikan OTP: kami tidak akan pernah memintanya.', 'Simpan tangkapan layar transaksi yang tidak Anda kenali.'],
    next: 'Saya teruskan ke tim kami sebagai laporan mendesak agar akun Anda diamankan dan diselidiki.',
  },
  account_locked: {
    cause: 'Akun dikunci untuk melindungi dana Anda: setelah beberapa kali salah PIN, masuk dari perangkat baru, aktivitas tidak biasa, atau verifikasi identitas belum lengkap.',
    steps: ['Jangan membuat akun baru; saldo Anda tetap aman di akun yang terkunci.', 'Siapkan KTP/paspor dan swafoto untuk verifikasi identitas.', 'Anda tetap bisa menghubungi kami dari sini walau akun terkunci.'],
    next: 'Saya sudah membuka kasus verifikasi; agen akan memastikan identitas Anda lalu membuka kunci akun.',
  },
  login_problem: {
    cause: 'Masalah masuk biasanya karena lupa PIN atau kata sandi, OTP tidak masuk (sinyal lemah, nomor salah, SMS terblokir), atau ganti HP.',
    steps: ['Gunakan “Lupa PIN” di layar masuk untuk mengaturnya ulang.', 'Kalau OTP tidak masuk: cek sinyal, tunggu 60 detik sebelum minta lagi, pastikan nomornya benar; coba opsi OTP lewat WhatsApp atau telepon.', 'Di HP baru, masuk dengan nomor terdaftar dan verifikasi dengan KTP bila diminta.'],
    next: 'Kalau nomor HP Anda sudah ganti dan OTP tidak bisa diterima, agen bisa membantu memperbaruinya setelah verifikasi identitas.',
  },
  security_setup: {
    cause: 'Sebagian besar pembobolan akun berawal dari kata sandi yang mudah ditebak atau OTP yang dibagikan.',
    steps: ['Gunakan kata sandi panjang yang unik dan PIN yang bukan tanggal lahir.', 'Aktifkan verifikasi dua langkah dan periksa daftar perangkat tepercaya.', 'Cek riwayat transaksi secara rutin dan aktifkan notifikasi aktivitas.', 'Jangan pernah membagikan PIN atau OTP, dan hanya gunakan aplikasi serta kanal resmi.'],
    next: 'Artikel keamanan kami menjelaskan setiap pengaturan langkah demi langkah.',
  },
  phishing_report: {
    cause: 'Penipu menyamar sebagai dompet lewat telepon, SMS, email, atau media sosial untuk mendapatkan PIN atau OTP Anda.',
    steps: ['Jangan klik tautannya, jangan menelepon balik, dan jangan bagikan kode apa pun.', 'Kalau sudah terlanjur membagikan kode atau PIN, segera ganti PIN dan beri tahu kami.', 'Simpan tangkapan layar pesan atau nomor yang menghubungi Anda.'],
    lockedSteps: ['Jangan klik tautannya, jangan menelepon balik, dan jangan bagikan kode apa pun.', 'Akun Anda sedang terkunci, jadi tidak bisa dipakai siapa pun: akun hanya dibuka di sini setelah petugas memverifikasi Anda, tidak pernah lewat tautan atau penelepon.', 'Simpan tangkapan layar pesan atau nomor yang menghubungi Anda.'],
    next: 'Laporan Anda sudah saya catat untuk tim keamanan. Hanya kanal resmi yang tercantum di sini yang milik kami.',
  },
  support_unreachable: {
    cause: 'Layanan pelanggan bisa terasa tidak terjangkau karena koneksi buruk, pemeliharaan atau gangguan, aplikasi versi lama, atau browser yang memblokir koneksi langsung.',
    steps: ['Coba ganti antara Wi-Fi dan data seluler, atau pakai perangkat lain.', 'Perbarui aplikasi, atau hapus cache browser dan coba browser lain.'],
    next: 'Anda berhasil menghubungi saya, jadi kanal ini berfungsi: tulis masalah Anda di sini dan tidak akan hilang.',
  },
  app_problem: {
    cause: 'Aplikasi keluar sendiri atau error biasanya karena versi lama, memori penuh, atau bug di versi tertentu.',
    steps: ['Perbarui aplikasi ke versi terbaru dari toko resmi.', 'Mulai ulang HP dan kosongkan sebagian memori.', 'Kalau masih gagal, instal ulang aplikasi: saldo tersimpan di akun, bukan di HP.', 'Ambil tangkapan layar pesan errornya.'],
    next: 'Kalau error berlanjut, kirim tangkapan layarnya dan agen akan meneruskannya ke tim teknis.',
  },
  service_status: {
    cause: 'Layanan bisa lambat atau tidak tersedia saat ada gangguan atau pemeliharaan terjadwal.',
    steps: ['Halaman status menampilkan setiap layanan dan gangguan yang sedang terjadi, diperbarui langsung.', 'Anda bisa berlangganan pembaruan lewat email.'],
    next: 'Kalau ada layanan yang terganggu, mohon tunggu perbaikannya: transaksi tidak hilang dan akan selesai atau dikembalikan.',
  },
  contact_channels: {
    cause: '',
    steps: ['Asisten ini ada di aplikasi dan situs web kapan saja. Semua kanal kami saat ini, dengan jam layanannya:'],
    next: 'Hanya kanal di atas yang resmi: kami tidak pernah menghubungi dari nomor pribadi.',
  },
  service_hours: {
    cause: '',
    steps: ['Asisten ini menjawab 24 jam setiap hari.', 'Pesan yang dikirim di luar jam kerja agen tetap tersimpan dan dijawab paling awal saat agen mulai bertugas.'],
    next: 'Silakan tulis sekarang; tidak ada pesan yang hilang.',
  },
  human_agent: {
    cause: '',
    steps: [],
    next: 'Saya hubungkan Anda dengan agen sekarang, lengkap dengan yang sudah Anda ceritakan agar tidak perlu mengulang.',
  },
  complaint: {
    cause: '',
    steps: ['Ceritakan apa yang terjadi, kapan, dan apa yang Anda harapkan dari kami.', 'Lampirkan bukti: tangkapan layar, nomor referensi transaksi, transkrip chat.', 'Anda akan mendapat nomor referensi; pengaduan resmi dijawab dalam batas waktu sesuai regulasi.', 'Kalau tidak puas dengan jawaban kami, Anda bisa mengadukannya ke OJK (atau Bank Indonesia untuk sistem pembayaran).'],
    next: 'Saya teruskan ke agen sekarang, ditandai sebagai pengaduan: agen mencatatnya sebagai pengaduan resmi, lalu Anda menerima nomor referensinya dan tanggal jawaban tertulis kami. Jika Anda masuk ke akun di chat ini, Anda juga bisa mengajukannya sendiri lewat "Pengaduan resmi".',
  },
  update_account_info: {
    cause: 'Nomor HP, email, dan nama terkait dengan identitas Anda, jadi perubahannya perlu verifikasi.',
    steps: ['Email dan nama bisa diubah di Profil > Pengaturan akun.', 'Untuk ganti nomor HP, Anda perlu akses ke nomor lama atau verifikasi identitas dengan KTP.'],
    next: 'Kalau nomor lama sudah tidak aktif, agen bisa memverifikasi identitas Anda dan menggantinya.',
  },
  case_followup: {
    cause: '',
    steps: [],
    next: 'Agen akan membalas di kasus Anda; Anda akan mendapat notifikasi di sini.',
  },
  out_of_scope: {
    cause: '',
    steps: [],
    next: 'Saya bisa membantu soal top up, pembayaran, transfer, akun dan keamanannya, serta cara menghubungi CS. Boleh ceritakan apa yang terjadi dengan dompet Anda?',
  },
};

const zh: Guides = {
  topup_failed: {
    cause: '充值卡住通常是因为银行还没有确认转账、虚拟账号或金额不一致，或者被银行/发卡行拒绝。',
    steps: ['核对银行回单上的金额和虚拟账号是否与您创建的充值一致。', '银行转账和虚拟账号通常 10 分钟内到账；银行卡充值要么即时到账，要么被拒绝。', '请保留银行回单或确认页面的截图。'],
    next: '如果 1 小时后仍未到账，请再在这里留言，我会把这笔交易转给客服，由他们向银行追查。',
  },
  payment_failed: {
    cause: '支付失败最常见的原因是余额不足、超出当日限额、二维码过期或商户端超时。重复扣款一般会自动退回。',
    steps: ['在应用中查看余额和今日限额。', '再次付款前，先问商户是否已收到款项。', '如果被扣了两次，请不要再付：多扣的款项会自动退回，通常 1–3 个工作日。'],
    next: '如果钱已扣但商户显示未付，我会把这笔交易转给客服处理。',
  },
  transfer_failed: {
    cause: '收款账户信息有误、收款银行拒绝或达到限额时，转账会被拒绝。转账失败时，资金会退回您的余额。',
    steps: ['再次核对收款人的账号、银行和姓名。', '检查当日转账限额，以及含手续费在内的余额。', '请等失败转账的退款到账后再重试，以免重复扣款。'],
    next: '如果钱已从余额扣除且没有退回，客服会为您追查。',
  },
  funds_not_received: {
    cause: '入账延迟可能来自汇款银行、仍在处理中的转账，或需要几个工作日的退款。',
    steps: ['向汇款人索取转账凭证和参考号。', '退款和提现到银行卡可能需要 1–3 个工作日（周末和节假日更久）。', '在“交易”页面查看是否有处理中的记录。'],
    next: '如果对方显示已成功、1 个工作日后您仍未收到，客服会为您追查。',
  },
  'funds_not_received:withdrawal': {
    cause: '提现到银行卡通常在 1 个工作日内到账（周末和节假日最多 3 个工作日）；如果卡号或户名有误被银行退回，钱会回到您的余额。',
    steps: ['在“交易”页面核对这笔提现的银行卡号和户名。', '查看银行流水，而不只是银行 App 的通知：入账名称可能是我们公司的名字。', '保存这笔提现详情和参考号的截图。'],
    next: '如果钱包显示已成功、1 个工作日后银行仍未收到，客服会向银行追查。',
  },
  unauthorized_transaction: {
    cause: '出现不是您本人操作的交易，通常意味着有人获取了您的 PIN、验证码或密码，或者丢失的设备仍处于登录状态。',
    steps: ['立即修改 PIN 和密码，并退出其他设备。', '不要向任何人透露验证码：我们绝不会向您索要。', '保留您不认识的交易截图。'],
    next: '我已将此事作为紧急情况转给我们的团队，以便保护您的账户并展开调查。',
  },
  account_locked: {
    cause: '为保护您的资金，账户可能被锁定：多次输错 PIN、在新设备登录、出现异常活动或身份验证未完成。',
    steps: ['不要注册新账户；您的余额在被锁定的账户里是安全的。', '请准备好身份证件（KTP/护照）和自拍照，用于身份验证。', '即使账户被锁定，您也随时可以在这里联系我们。'],
    next: '我已为您创建身份验证工单，客服核实身份后会为您解锁账户。',
  },
  login_problem: {
    cause: '登录问题通常是忘记 PIN 或密码、收不到验证码（信号弱、号码有误、短信被拦截）或更换了手机。',
    steps: ['在登录页面点击“忘记 PIN”进行重置。', '收不到验证码时：检查信号，等待 60 秒再重新获取，确认号码正确；也可以选择 WhatsApp 或语音验证码。', '在新手机上使用注册手机号登录，如有要求请用身份证件验证。'],
    next: '如果您已更换手机号、无法接收验证码，客服可在核实身份后帮您更新。',
  },
  security_setup: {
    cause: '大多数账户被盗都始于容易猜到的密码或泄露的验证码。',
    steps: ['使用足够长且独一无二的密码，PIN 不要用生日。', '开启双重身份验证，并检查受信任设备列表。', '定期查看交易记录，并开启账户动态提醒。', '绝不透露 PIN 或验证码，只使用官方应用和官方渠道。'],
    next: '我们的安全文章会一步步说明每项设置。',
  },
  phishing_report: {
    cause: '骗子会冒充钱包官方，通过电话、短信、邮件或社交媒体骗取您的 PIN 或验证码。',
    steps: ['不要点击链接、不要回拨、不要提供任何验证码。', '如果已经泄露了验证码或 PIN，请立即修改 PIN 并告诉我们。', '保留可疑信息或来电号码的截图。'],
    lockedSteps: ['不要点击链接、不要回拨、不要提供任何验证码。', '您的账户目前已锁定，任何人都无法使用：只有在人工客服核实您的身份后才会在这里解锁，绝不会通过链接或来电解锁。', '保留可疑信息或来电号码的截图。'],
    next: '我已为安全团队记录您的举报。只有这里列出的才是我们的官方渠道。',
  },
  support_unreachable: {
    cause: '联系不上客服可能是网络不佳、维护或故障、应用版本过旧，或浏览器拦截了实时连接。',
    steps: ['尝试在 Wi-Fi 和移动数据之间切换，或换一台设备。', '更新应用，或清除浏览器缓存并换一个浏览器。'],
    next: '您已经联系到我，说明这个渠道是通的：请在这里描述问题，您的消息不会丢失。',
  },
  app_problem: {
    cause: '闪退和报错通常是应用版本过旧、存储空间不足或某个版本的缺陷导致的。',
    steps: ['从官方应用商店更新到最新版本。', '重启手机并清理部分存储空间。', '仍然失败的话，重新安装应用：余额保存在账户里，不在手机上。', '请截取错误提示的截图。'],
    next: '如果问题持续，请发送截图，客服会转交给技术团队。',
  },
  service_status: {
    cause: '在故障或计划维护期间，服务可能变慢或暂时不可用。',
    steps: ['状态页面实时显示每项服务的状态和正在处理的故障。', '您可以通过邮件订阅更新。'],
    next: '如有服务中断，请耐心等待修复：交易不会丢失，最终会完成或退款。',
  },
  contact_channels: {
    cause: '',
    steps: ['本智能助手随时在应用和网站内为您服务。以下是我们目前开通的所有渠道及服务时间：'],
    next: '只有这里列出的渠道是官方渠道：我们绝不会用私人号码联系您。',
  },
  service_hours: {
    cause: '',
    steps: ['本智能助手全年无休，24 小时在线。', '在人工客服下班后发送的消息会被保存，客服上班后优先处理。'],
    next: '您现在就可以留言，发送的内容不会丢失。',
  },
  human_agent: {
    cause: '',
    steps: [],
    next: '我现在就为您转接人工客服，并附上您已说明的情况，您无需重复。',
  },
  complaint: {
    cause: '',
    steps: ['请说明发生了什么、何时发生，以及您希望我们怎么处理。', '附上证据：截图、交易参考号、聊天记录。', '您会收到一个工单号；正式投诉会在监管规定的期限内答复。', '如果对我们的答复不满意，您可以向金融监管机构投诉（在印尼为 OJK；支付系统相关可向印尼央行投诉）。'],
    next: '我现在就转交人工客服，并标记为投诉：客服会将其登记为正式投诉，您将收到投诉编号和我们书面答复的截止日期。如果您已在聊天中登录，也可以通过“正式投诉”自行提交。',
  },
  update_account_info: {
    cause: '手机号、邮箱和姓名与您的身份绑定，因此修改需要验证。',
    steps: ['邮箱和姓名可以在“我的 > 账户设置”中修改。', '更换手机号需要能接收旧号码的验证码，或用身份证件进行身份验证。'],
    next: '如果旧号码已无法使用，客服可以在核实身份后为您更换。',
  },
  case_followup: {
    cause: '',
    steps: [],
    next: '客服会在您的工单中回复，届时您会在这里收到通知。',
  },
  out_of_scope: {
    cause: '',
    steps: [],
    next: '我可以帮您处理充值、支付、转账、账户与安全，以及联系客服等问题。能说说您的钱包遇到了什么情况吗？',
  },
};

export const guides: Record<Locale, Guides> = { en, 'id-ID': id, 'zh-CN': zh };

export function guideFor(locale: Locale, intent: string): IntentGuide {
  return guides[locale][intent] ?? guides[locale].out_of_scope;
}
