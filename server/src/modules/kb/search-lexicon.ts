// Word lists for the knowledge-base search: stop words, chat slang and the wallet vocabulary's
// synonyms in English, Indonesian and Chinese. Kept apart from the engine so that support staff can
// extend them without reading the scoring code.

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

export const STOP_EN = new Set(words(`
a about above after again all am an and any are as at be because been before being below between both but by
can could did do does doing during each few for from further had has have having he her here hers
him his how i if in into is it its itself just me more most my myself nor now of off on once only or
other our ours out over own same she should so some such than that the their theirs them then there these they
this those through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself hi hello please thanks thank help still anyone someone something get got also
im ive need want know way ok okay guys pls plz u ur
`));

export const STOP_ID = new Set(words(`
ada adalah agar akan aku apa apakah atau bagaimana bahwa banget bisa boleh buat cara dan dari dengan di dia
dong gimana harus hal ini itu jadi juga kalau kami kamu kan karena ke kenapa kok lagi lah mau mengapa mohon nih
oleh pada para saja saya sih sudah supaya tapi tetapi tolong untuk yang ya yah deh kak gan min sis bro
kah pun nya sama sampai se terus lalu seperti kita mereka sedang masih juga pak bu bang mas mbak halo hai
terima kasih makasih
`));

// Single characters and function words that carry no topic in Chinese queries.
export const STOP_ZH = new Set(words(`
的 了 吗 呢 吧 啊 呀 哦 嘛 我 你 您 他 她 是 在 和 与 就 也 都 要 会 能 有 这 那 个 一 把 被 给 让 请 还 又 很 太 么 着 过 地 得
怎么 怎样 怎么办 什么 如何 为什么 为何 我的 你们 我们 可以 一下 时候 还是 但是 因为 所以 如果 已经 应该 需要 是否 哪里 哪个 多久 一直
`));

/** Negations collapse to one term, so that "not received" and "tidak masuk" keep their meaning. */
export const NEGATION_EN = new Set(words(`
not no never cannot cant dont doesnt didnt wont isnt arent wasnt werent havent hasnt hadnt couldnt wouldnt
shouldnt aint nothing nobody
`));
export const NEGATION_ID = new Set(words('tidak bukan')); // chat forms (ga, gak, tdk…) reach it through SLANG_ID

/** Chat spellings replaced token by token before analysis (the value may be several words). */
export const SLANG_EN: Record<string, string> = {
  acc: 'account', acct: 'account', accnt: 'account', pw: 'password', pwd: 'password', passwd: 'password',
  pass: 'password', txn: 'transaction', trx: 'transaction', tx: 'transaction', trans: 'transaction',
  tf: 'transfer', xfer: 'transfer', trf: 'transfer', cs: 'customer service', rcvd: 'received',
  recvd: 'received', recieved: 'received', recieve: 'receive', msg: 'message', msgs: 'messages',
  bal: 'balance', hrs: 'hours', hr: 'hour', '2fa': 'twofactor', mfa: 'twofactor', tfa: 'twofactor',
  ppl: 'people', ph: 'phone', num: 'number', app: 'app', apps: 'app', wa: 'whatsapp', tg: 'telegram',
  fb: 'facebook', ig: 'instagram', asap: 'urgent', cust: 'customer', svc: 'service', info: 'information',
};

export const SLANG_ID: Record<string, string> = {
  gw: 'saya', gue: 'saya', gua: 'saya', ane: 'saya', sy: 'saya', aq: 'saya', q: 'saya',
  udh: 'sudah', udah: 'sudah', dah: 'sudah', sdh: 'sudah', sudh: 'sudah',
  blm: 'belum', blom: 'belum', belom: 'belum', blum: 'belum',
  tf: 'transfer', trf: 'transfer', trsf: 'transfer', transfr: 'transfer',
  ga: 'tidak', gak: 'tidak', nggak: 'tidak', ngga: 'tidak', enggak: 'tidak', engga: 'tidak', gk: 'tidak',
  g: 'tidak', tdk: 'tidak', tak: 'tidak', ndak: 'tidak', kagak: 'tidak', gaada: 'tidak ada', gada: 'tidak ada',
  yg: 'yang', dgn: 'dengan', dg: 'dengan', krn: 'karena', karna: 'karena', gmn: 'bagaimana',
  gmna: 'bagaimana', bgmn: 'bagaimana', knp: 'kenapa', napa: 'kenapa', tp: 'tapi', tpi: 'tapi', sm: 'sama',
  ama: 'sama', dr: 'dari', utk: 'untuk', untk: 'untuk', hp: 'ponsel', handphone: 'ponsel', rek: 'rekening',
  byr: 'bayar', msk: 'masuk', ilang: 'hilang', ngirim: 'kirim', ngisi: 'isi', nyampe: 'sampai',
  sampe: 'sampai', kmrn: 'kemarin', kemaren: 'kemarin', cs: 'customer service', acc: 'akun', bs: 'bisa',
  bsa: 'bisa', jg: 'juga', lg: 'lagi', dpt: 'dapat', bgt: 'banget', org: 'orang', aja: 'saja', aj: 'saja',
  trs: 'terus', pake: 'pakai', skrg: 'sekarang', skrng: 'sekarang', nomer: 'nomor', no: 'nomor',
  duit: 'uang', kebuka: 'buka', diblok: 'blokir', keblokir: 'blokir', kepotong: 'potong', ketipu: 'tipu',
  nunggu: 'tunggu', nanya: 'tanya', ngadu: 'adu', ngurus: 'urus', nelpon: 'telepon', telpon: 'telepon',
  telfon: 'telepon', tlp: 'telepon', tlpn: 'telepon', wa: 'whatsapp', tele: 'telegram', ig: 'instagram',
  fb: 'facebook', pw: 'password', pass: 'password', apk: 'aplikasi', app: 'aplikasi', apl: 'aplikasi',
  aplikasinya: 'aplikasi', pls: 'tolong', plis: 'tolong', kak: 'kak', trx: 'transaksi', trans: 'transaksi',
  '2fa': 'twofactor', mfa: 'twofactor', ngelag: 'lambat', lemot: 'lambat', lelet: 'lambat',
  ilangin: 'hilang', ngilang: 'hilang', kesedot: 'hilang', error: 'error', eror: 'error', erorr: 'error',
  ot: 'otp', kode: 'kode', ss: 'screenshot', sc: 'screenshot', tks: 'terima kasih', thx: 'terima kasih',
};

/** Chinese variants and common mis-typed homophones, replaced as substrings before segmentation. */
export const VARIANTS_ZH: Array<[string, string]> = [
  ['冲值', '充值'], ['充直', '充值'], ['到帐', '到账'], ['转帐', '转账'], ['帐户', '账户'], ['帐号', '账号'],
  ['帐单', '账单'], ['登陆', '登录'], ['验正码', '验证码'], ['咋办', '怎么办'], ['咋整', '怎么办'],
  ['肿么', '怎么'], ['木有', '没有'], ['冇', '没有'], ['啥', '什么'], ['密码忘', '忘记密码'],
];

/** English irregular forms the Porter stemmer does not join with their base (stemmed afterwards). */
export const LEMMA_EN: Record<string, string> = {
  frozen: 'freeze', froze: 'freeze', sent: 'send', paid: 'pay', stolen: 'steal', stole: 'steal',
  complaint: 'complain', complaints: 'complain', lost: 'lose', withdrawal: 'withdraw', withdrawals: 'withdraw',
  gone: 'disappear', vanished: 'disappear', hacked: 'hack', hacker: 'hack', hackers: 'hack', phishy: 'phish',
  emails: 'email', emailed: 'email', logged: 'login', signin: 'login', logon: 'login',
  chatbot: 'bot', screenshots: 'screenshot', evidences: 'evidence',
};

/** Multi-word forms joined into one token before analysis (both at indexing and at query time). */
export const COMPOUNDS: Array<[RegExp, string]> = [
  [/\btop[\s-]?up(s|ped|ping)?\b/g, 'topup'],
  [/\b(log|sign)(ged|ging|s)?[\s-]?(in|on)\b/g, 'login'],
  [/\be-mail/g, 'email'],
  [/\bwi-?fi\b/g, 'wifi'],
  [/\btwo[\s-]?(factor|step)\b/g, 'twofactor'],
  [/\b24\s*\/\s*7\b/g, '24jam'],
  [/\b24\s*(hours?|hrs?|h|jam)\b/g, '24jam'],
  [/\bcall[\s-]?back(s)?\b/g, 'callback'],
  [/\bscreen[\s-]?shot(s)?\b/g, 'screenshot'],
  [/\bwhats[\s-]?app\b/g, 'whatsapp'],
  [/\bkata[\s-]?sandi\b/g, 'sandi'],
  [/\bcall[\s-]?cent(er|re)\b/g, 'callcenter'],
];

/**
 * Synonym groups across the three languages. A query that contains any phrase of a group (in any
 * language) is widened with the group's phrases in the index's language, at a lower weight.
 */
export interface SynonymGroup {
  en: string[];
  id: string[];
  zh: string[];
}

export const SYNONYMS: SynonymGroup[] = [
  {
    en: ['topup', 'add money', 'add balance', 'add funds', 'reload', 'recharge', 'deposit', 'load money', 'fund wallet'],
    id: ['topup', 'isi saldo', 'isi ulang', 'tambah saldo', 'setor', 'deposit'],
    zh: ['充值', '加钱', '充钱', '存钱', '冲钱'],
  },
  {
    en: ['transfer', 'send money', 'sent money', 'send', 'remit', 'transfer to bank'],
    id: ['transfer', 'kirim uang', 'kirim', 'kirim saldo', 'transfer bank'],
    zh: ['转账', '汇款', '转钱', '打款', '转给'],
  },
  {
    en: ['payment', 'pay', 'checkout', 'purchase', 'merchant', 'qr', 'qris', 'bill'],
    id: ['pembayaran', 'bayar', 'belanja', 'merchant', 'qris', 'scan qr', 'tagihan'],
    zh: ['付款', '支付', '扫码', '买单', '商家', '账单'],
  },
  {
    en: ['locked', 'blocked', 'freeze', 'suspended', 'banned', 'restricted', 'disabled', 'deactivated'],
    id: ['terkunci', 'diblokir', 'blokir', 'dibekukan', 'beku', 'suspend', 'dinonaktifkan', 'dibatasi', 'banned'],
    zh: ['冻结', '锁定', '封号', '被封', '封禁', '停用', '限制', '锁住', '被锁'],
  },
  {
    en: ['unlock', 'unblock', 'unfreeze', 'restore account', 'reactivate'],
    id: ['buka blokir', 'membuka blokir', 'aktifkan kembali', 'pulihkan akun'],
    zh: ['解冻', '解锁', '解封', '恢复账户'],
  },
  {
    en: ['refund', 'money back', 'reversal', 'reversed', 'chargeback'],
    id: ['refund', 'pengembalian dana', 'dana kembali', 'uang kembali', 'dikembalikan'],
    zh: ['退款', '退钱', '返还', '退回'],
  },
  {
    en: ['otp', 'verification code', 'one-time code', 'sms code', 'code'],
    id: ['otp', 'kode verifikasi', 'kode otp', 'kode sms', 'kode'],
    zh: ['验证码', '短信码', '动态码', 'OTP'],
  },
  {
    en: ['customer service', 'support', 'customer support', 'helpdesk', 'support team', 'agent'],
    id: ['customer service', 'layanan pelanggan', 'cs', 'pusat bantuan', 'tim dukungan', 'agen'],
    zh: ['客服', '人工客服', '客户服务', '支持团队'],
  },
  {
    en: ['complain', 'complaint', 'grievance', 'dispute', 'dissatisfied', 'unhappy', 'not satisfied'],
    id: ['komplain', 'pengaduan', 'aduan', 'keluhan', 'mengadu', 'sengketa', 'kecewa', 'tidak puas'],
    zh: ['投诉', '申诉', '举报', '维权', '纠纷', '不满意', '不满'],
  },
  {
    en: ['not received', 'not arrived', 'missing', 'never arrived', 'not credited', 'pending'],
    id: ['belum masuk', 'tidak masuk', 'belum diterima', 'belum sampai', 'tidak sampai', 'pending'],
    zh: ['没到账', '未到账', '没收到', '没有到账', '不到账', '待处理'],
  },
  {
    en: ['failed', 'fail', 'declined', 'unsuccessful', 'rejected'],
    id: ['gagal', 'ditolak', 'tidak berhasil'],
    zh: ['失败', '不成功', '被拒'],
  },
  {
    en: ['password', 'pin', 'passcode'],
    id: ['sandi', 'pin', 'password'],
    zh: ['密码', '支付密码', 'PIN'],
  },
  {
    en: ['forgot password', 'forgot pin', 'reset password', 'reset pin'],
    id: ['lupa pin', 'lupa sandi', 'lupa password', 'reset pin', 'atur ulang pin'],
    zh: ['忘记密码', '重置密码', '找回密码'],
  },
  {
    en: ['twofactor', 'authentication', 'verification', 'authenticator'],
    id: ['twofactor', 'verifikasi dua langkah', 'autentikasi', 'verifikasi'],
    zh: ['双重验证', '两步验证', '二次验证', '双重身份验证', '身份验证'],
  },
  {
    en: ['phishing', 'scam', 'fraud', 'fake', 'scammer', 'suspicious link'],
    id: ['penipuan', 'tipu', 'modus', 'palsu', 'phishing', 'link mencurigakan'],
    zh: ['钓鱼', '诈骗', '骗子', '假冒', '可疑链接', '骗局'],
  },
  {
    en: ['unauthorized', 'hack', 'steal', "didn't make", 'not me', 'unknown transaction', 'disappear'],
    id: ['tidak dikenal', 'dibobol', 'diretas', 'hilang', 'bukan saya', 'tanpa izin'],
    zh: ['被盗', '盗刷', '不是我', '陌生交易', '钱没了', '少了'],
  },
  {
    en: ['login', "can't login"],
    id: ['login', 'masuk akun', 'tidak bisa masuk'],
    zh: ['登录', '登不上', '进不去'],
  },
  {
    en: ['crash', 'freeze app', 'hang', 'force close', 'not opening', 'bug', 'glitch'],
    id: ['crash', 'keluar sendiri', 'force close', 'hang', 'tidak bisa dibuka', 'bug', 'error'],
    zh: ['闪退', '卡死', '打不开', '崩溃', '报错', 'bug'],
  },
  {
    en: ['update', 'upgrade', 'new version', 'reinstall', 'latest version'],
    id: ['update', 'perbarui', 'versi terbaru', 'instal ulang', 'pasang ulang'],
    zh: ['更新', '升级', '新版本', '重装', '重新安装'],
  },
  {
    en: ['browser', 'chrome', 'safari', 'firefox', 'cache', 'cookies'],
    id: ['browser', 'peramban', 'chrome', 'cache', 'cookie'],
    zh: ['浏览器', '缓存', '网页版', 'Chrome'],
  },
  {
    en: ['internet', 'wifi', 'signal', 'connection', 'network', 'mobile data', 'offline'],
    id: ['internet', 'wifi', 'sinyal', 'koneksi', 'jaringan', 'kuota', 'data seluler'],
    zh: ['网络', '信号', '断网', '网速', 'WiFi', '流量'],
  },
  {
    en: ['down', 'outage', 'maintenance', 'server', 'service status', 'not working'],
    id: ['gangguan', 'down', 'maintenance', 'pemeliharaan', 'server', 'error'],
    zh: ['维护', '故障', '宕机', '崩了', '服务器', '系统异常'],
  },
  {
    en: ['announcement', 'official notice', 'status page', 'news'],
    id: ['pengumuman', 'info resmi', 'halaman status', 'pemberitahuan'],
    zh: ['公告', '官方通知', '状态页'],
  },
  {
    en: ['email', 'mail', 'inbox'],
    id: ['email', 'surel', 'surat elektronik'],
    zh: ['邮件', '邮箱', '电子邮件', 'email'],
  },
  {
    en: ['phone', 'call', 'hotline', 'telephone', 'callback', 'callcenter'],
    id: ['telepon', 'hotline', 'callcenter', 'callback', 'nomor cs', 'menelepon'],
    zh: ['电话', '热线', '客服电话', '回电', '打电话'],
  },
  {
    en: ['live chat', 'chat', 'chatbot', 'bot', 'assistant'],
    id: ['live chat', 'chat', 'obrolan', 'bot', 'asisten'],
    zh: ['在线客服', '在线聊天', '聊天', '机器人'],
  },
  {
    en: ['whatsapp', 'telegram', 'messaging app'],
    id: ['whatsapp', 'telegram'],
    zh: ['WhatsApp', 'Telegram', '电报'],
  },
  {
    en: ['forum', 'community', 'other users'],
    id: ['forum', 'komunitas', 'pengguna lain'],
    zh: ['论坛', '社区', '其他用户'],
  },
  {
    en: ['social media', 'twitter', 'instagram', 'facebook', 'tiktok', 'official account'],
    id: ['media sosial', 'medsos', 'twitter', 'instagram', 'facebook', 'tiktok', 'akun resmi'],
    zh: ['社交媒体', '官方账号', '微博', 'Instagram', 'Twitter', '社媒'],
  },
  {
    en: ['24jam', 'hours', 'opening hours', 'weekend', 'holiday', 'night'],
    id: ['24jam', 'jam operasional', 'jam kerja', 'libur', 'malam', 'akhir pekan'],
    zh: ['24小时', '营业时间', '工作时间', '周末', '节假日', '晚上', '半夜'],
  },
  {
    en: ['human', 'real person', 'agent', 'operator', 'staff'],
    id: ['manusia', 'orang asli', 'operator', 'agen', 'petugas'],
    zh: ['人工', '真人', '人工客服', '转人工'],
  },
  {
    en: ['regulator', 'ojk', 'bank indonesia', 'ombudsman', 'authority'],
    id: ['regulator', 'ojk', 'bank indonesia', 'otoritas jasa keuangan', 'lapor ojk'],
    zh: ['监管', '监管机构', '金融监管', 'OJK', '印尼央行'],
  },
  {
    en: ['lawyer', 'legal', 'court', 'sue', 'legal aid'],
    id: ['pengacara', 'hukum', 'gugat', 'pengadilan', 'bantuan hukum', 'lbh'],
    zh: ['律师', '起诉', '法律', '法院', '打官司'],
  },
  {
    en: ['evidence', 'proof', 'screenshot', 'receipt', 'record'],
    id: ['bukti', 'screenshot', 'tangkapan layar', 'struk', 'rekaman'],
    zh: ['证据', '截图', '凭证', '记录', '截屏'],
  },
  {
    en: ['change phone number', 'change email', 'update profile', 'new number', 'personal details'],
    id: ['ganti nomor', 'ubah email', 'ganti email', 'nomor baru', 'data diri', 'ubah profil'],
    zh: ['更换手机号', '换手机号', '修改邮箱', '换号', '个人信息', '修改资料'],
  },
  {
    en: ['slow', 'long wait', 'no response', 'no reply', 'waiting', 'ignored'],
    id: ['lama', 'lambat', 'tidak dibalas', 'tidak direspon', 'menunggu', 'dicuekin'],
    zh: ['慢', '没回复', '不回', '等了很久', '没人理', '回复慢'],
  },
  {
    en: ['ticket', 'case', 'case number', 'follow up', 'status of my complaint'],
    id: ['tiket', 'nomor laporan', 'nomor tiket', 'tindak lanjut', 'status laporan'],
    zh: ['工单', '进度', '处理进度', '案件', '跟进'],
  },
  {
    en: ['balance', 'money', 'funds'],
    id: ['saldo', 'uang', 'dana'],
    zh: ['余额', '钱', '资金'],
  },
  {
    en: ['withdraw', 'cash out', 'withdrawal to bank'],
    id: ['tarik tunai', 'tarik saldo', 'penarikan'],
    zh: ['提现', '取钱', '提款'],
  },
  {
    en: ['cashback', 'promo', 'reward', 'voucher'],
    id: ['cashback', 'promo', 'voucher', 'hadiah'],
    zh: ['返现', '优惠', '红包', '优惠券'],
  },
  {
    en: ['charged twice', 'double charge', 'deducted twice', 'duplicate'],
    id: ['terpotong dua kali', 'potong dua kali', 'dobel', 'double'],
    zh: ['扣两次', '重复扣款', '扣了两次'],
  },
  {
    en: ['can\'t reach', 'unreachable', 'cannot contact', 'no answer', 'not loading'],
    id: ['tidak bisa dihubungi', 'susah dihubungi', 'tidak nyambung', 'tidak bisa menghubungi'],
    zh: ['联系不上', '打不通', '找不到客服', '无法联系'],
  },
];
