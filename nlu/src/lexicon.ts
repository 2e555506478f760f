/**
 * A small hand-kept thesaurus of money, wallet and support concepts in English, Indonesian and Chinese.
 * Matching words add a shared concept feature ("k:refund"), so that a phrasing the training data never
 * used ("reimburse", "uang kembali", "退钱") still lands near the examples that said "refund", and so that
 * examples in one language lend strength to the others. Keys are matched after normalisation and slang
 * expansion: Latin keys as whole words or two-word phrases, Chinese keys as substrings.
 */
import { latinTokens, normalizeText, splitScripts } from './normalize.js';
import { stemEnglish } from './stem-en.js';

const CONCEPTS: Record<string, { latin: string[]; han: string[] }> = {
  money: { latin: ['money', 'cash', 'funds', 'fund', 'uang', 'dana', 'duit', 'saldo', 'balance', 'credit'], han: ['钱', '资金', '余额', '款'] },
  topup: { latin: ['topup', 'reload', 'recharge', 'load', 'loaded', 'loading', 'deposit', 'deposited', 'isi', 'add money', 'added money', 'top', 'setor'], han: ['充值', '充钱', '加钱', '存钱', '入金'] },
  transfer: { latin: ['transfer', 'transferred', 'transferring', 'transfers', 'send', 'sent', 'sending', 'kirim', 'kiriman', 'wire', 'remit', 'move money'], han: ['转账', '转钱', '汇款', '转给', '转到', '转出'] },
  withdraw: { latin: ['withdraw', 'withdrawal', 'withdrew', 'withdrawn', 'tarik', 'penarikan', 'cash out', 'cashout', 'payout', 'pencairan', 'cair', 'dicairkan'], han: ['提现', '取钱', '取款', '提款'] },
  pay: { latin: ['pay', 'paid', 'paying', 'payment', 'payments', 'bayar', 'pembayaran', 'checkout', 'purchase', 'purchased', 'buy', 'bought', 'beli', 'belanja', 'order'], han: ['付款', '支付', '付钱', '缴费', '交费', '结账', '购买', '买'] },
  bill: { latin: ['bill', 'bills', 'tagihan', 'invoice', 'electricity', 'listrik', 'pln', 'pdam', 'bpjs', 'pulsa', 'token', 'indihome', 'installment', 'cicilan'], han: ['账单', '电费', '水费', '话费', '网费', '缴'] },
  qr: { latin: ['qr', 'qris', 'scan', 'scanned', 'scanning', 'barcode'], han: ['扫码', '二维码', '扫'] },
  refund: { latin: ['refund', 'refunded', 'refunds', 'reimburse', 'reimbursement', 'reversal', 'reversed', 'money back', 'uang kembali', 'pengembalian', 'dikembalikan', 'balikin', 'kembali'], han: ['退款', '退钱', '退回', '返还', '退'] },
  cashback: { latin: ['cashback', 'bonus', 'reward', 'rewards', 'points', 'poin', 'promo', 'voucher', 'referral'], han: ['返现', '奖励', '积分', '优惠', '红包'] },
  receive: { latin: ['receive', 'received', 'receiving', 'arrive', 'arrived', 'arrival', 'terima', 'diterima', 'nyampe', 'sampai', 'masuk', 'credited', 'reflect', 'reflected', 'landed', 'show up', 'incoming'], han: ['到账', '收到', '入账', '到了', '没到'] },
  fail: { latin: ['fail', 'failed', 'fails', 'failing', 'failure', 'gagal', 'error', 'errors', 'eror', 'declined', 'decline', 'rejected', 'reject', 'ditolak', 'tolak', 'denied', 'refused', 'unsuccessful', 'bounced'], han: ['失败', '被拒', '拒绝', '报错', '错误', '不成功', '出错'] },
  pending: { latin: ['pending', 'processing', 'diproses', 'proses', 'stuck', 'nyangkut', 'hanging', 'waiting', 'menunggu', 'tertahan', 'ketahan', 'hold'], han: ['处理中', '等待', '卡住', '卡在', '挂起'] },
  deducted: { latin: ['deducted', 'debited', 'charged', 'charge', 'kepotong', 'dipotong', 'potong', 'potongan', 'terpotong', 'didebet', 'debet', 'taken'], han: ['扣款', '扣了', '扣钱', '扣费', '被扣'] },
  twice: { latin: ['twice', 'double', 'duplicate', 'dobel', 'dua kali', 'two times', '2x'], han: ['两次', '重复', '双重'] },
  bank: { latin: ['bank', 'bca', 'bri', 'bni', 'mandiri', 'cimb', 'permata', 'bsi', 'btn', 'danamon', 'jago', 'seabank', 'rekening', 'atm'], han: ['银行', '银行卡', '网银', '手机银行'] },
  card: { latin: ['card', 'cards', 'kartu', 'debit', 'visa', 'mastercard', 'kredit'], han: ['卡'] },
  va: { latin: ['va', 'virtual'], han: ['虚拟账户', '虚拟账号'] },
  minimarket: { latin: ['indomaret', 'alfamart', 'alfamidi', 'lawson', 'minimarket', 'kasir', 'cashier', 'counter', 'store', 'toko', 'agen', 'agent'], han: ['便利店', '收银', '门店', '代理点'] },
  merchant: { latin: ['merchant', 'merchants', 'shop', 'seller', 'penjual', 'tokopedia', 'shopee', 'grab', 'lazada', 'traveloka'], han: ['商户', '商家', '店'] },
  notme: { latin: ['unauthorized', 'unauthorised', 'unknown', 'unrecognized', 'unrecognised', 'recognize', 'recognise', 'fraud', 'fraudulent', 'stolen', 'hacked', 'dibobol', 'diretas', 'asing', 'mencurigakan', 'suspicious', 'strange', 'aneh', 'kenal'], han: ['不是我', '盗刷', '被盗', '陌生', '可疑', '不认识'] },
  missing: { latin: ['missing', 'disappeared', 'gone', 'lost', 'hilang', 'raib', 'vanished', 'drained', 'ilang'], han: ['不见', '没了', '丢', '消失'] },
  blocked: { latin: ['blocked', 'block', 'blokir', 'diblokir', 'terblokir', 'locked', 'lock', 'kunci', 'dikunci', 'terkunci', 'frozen', 'freeze', 'beku', 'dibekukan', 'suspended', 'suspend', 'ditangguhkan', 'restricted', 'dibatasi', 'banned', 'disabled', 'deactivated', 'dinonaktifkan', 'nonaktif', 'unblock', 'unlock'], han: ['封', '冻结', '锁', '限制', '停用', '禁用', '解封', '解冻'] },
  login: { latin: ['login', 'log', 'logged', 'logging', 'masuk', 'signin', 'sign'], han: ['登录', '登陆', '登入', '登不'] },
  otp: { latin: ['otp', 'code', 'kode', 'verification', 'verifikasi', 'sms', 'token'], han: ['验证码', '短信', '校验码'] },
  pin: { latin: ['pin', 'password', 'passcode', 'sandi', 'kata sandi'], han: ['密码'] },
  forgot: { latin: ['forgot', 'forget', 'forgotten', 'lupa', 'remember', 'inget', 'ingat', 'reset'], han: ['忘记', '忘了', '重置', '记不'] },
  device: { latin: ['phone', 'device', 'devices', 'hp', 'handphone', 'ponsel', 'perangkat', 'sim', 'mobile', 'android', 'iphone', 'tablet'], han: ['手机', '设备', '新手机'] },
  security: { latin: ['secure', 'security', 'safe', 'safety', 'aman', 'keamanan', 'protect', 'protection', 'lindungi', 'twofa', 'biometric', 'fingerprint', 'sidik'], han: ['安全', '保护', '防', '双重验证', '两步验证', '指纹'] },
  change: { latin: ['change', 'changed', 'changing', 'update', 'updated', 'edit', 'modify', 'ganti', 'ubah', 'perbarui', 'diganti', 'correct', 'replace'], han: ['修改', '更改', '更新', '改', '换'] },
  profile: { latin: ['profile', 'profil', 'name', 'nama', 'email', 'address', 'alamat', 'birth', 'lahir', 'number', 'nomor', 'ktp', 'personal', 'data', 'details'], han: ['资料', '名字', '姓名', '邮箱', '地址', '手机号', '出生', '个人信息'] },
  scam: { latin: ['scam', 'scammer', 'phishing', 'fake', 'palsu', 'penipu', 'penipuan', 'nipu', 'tipu', 'fraudster', 'pretending', 'ngaku', 'impersonating', 'hoax', 'link', 'prize', 'hadiah', 'giveaway', 'undian'], han: ['诈骗', '骗子', '冒充', '钓鱼', '假', '中奖', '链接'] },
  call: { latin: ['call', 'called', 'calling', 'phone', 'telpon', 'nelpon', 'ditelpon', 'telepon', 'hotline', 'callcenter'], han: ['电话', '打电话', '来电', '热线', '呼叫中心'] },
  message: { latin: ['message', 'messages', 'sms', 'whatsapp', 'wa', 'email', 'dm', 'chat', 'pesan', 'telegram', 'instagram', 'facebook', 'twitter'], han: ['短信', '消息', '邮件', '私信', '聊天'] },
  support: { latin: ['cs', 'support', 'helpdesk', 'help', 'bantuan', 'layanan', 'agent', 'agen', 'operator', 'staff', 'petugas', 'service'], han: ['客服', '人工', '支持', '帮助中心', '服务'] },
  noanswer: { latin: ['unreachable', 'reach', 'respond', 'response', 'reply', 'replied', 'answer', 'answered', 'dibales', 'bales', 'balas', 'jawab', 'respon', 'diangkat', 'angkat', 'busy', 'sibuk', 'ignored', 'queue', 'antri', 'hubungi', 'dihubungi'], han: ['联系不上', '没人接', '没回', '没人回', '回复', '占线', '排队', '打不通'] },
  human: { latin: ['human', 'person', 'real', 'manusia', 'orang', 'beneran', 'asli', 'live', 'representative', 'bot', 'robot', 'automated', 'otomatis'], han: ['真人', '人工', '机器人', '转人工', '人'] },
  contact: { latin: ['contact', 'kontak', 'hubungi', 'number', 'nomor', 'email', 'instagram', 'twitter', 'facebook', 'whatsapp', 'telegram', 'forum', 'channel', 'reach'], han: ['联系方式', '联系', '号码', '邮箱', '渠道', '社交'] },
  hours: { latin: ['hours', 'hour', 'jam', 'open', 'buka', 'close', 'tutup', 'weekend', 'weekends', 'saturday', 'sunday', 'sabtu', 'minggu', 'holiday', 'holidays', 'libur', 'night', 'malam', 'malem', '24jam', 'lebaran', 'operasional', 'schedule', 'jadwal'], han: ['几点', '时间', '周末', '节假日', '假期', '晚上', '24小时', '上班', '下班', '值班', '放假'] },
  outage: { latin: ['down', 'outage', 'maintenance', 'gangguan', 'disruption', 'downtime', 'offline', 'server', 'status', 'pemeliharaan', 'perbaikan', 'upgrade'], han: ['宕机', '故障', '维护', '挂了', '停机', '服务器', '升级'] },
  app: { latin: ['app', 'aplikasi', 'apk', 'website', 'web', 'browser', 'chrome', 'version', 'versi', 'install', 'screen', 'layar'], han: ['应用', '网页', '浏览器', '网站', '版本', '屏'] },
  crash: { latin: ['crash', 'crashes', 'crashed', 'crashing', 'freeze', 'freezes', 'frozen', 'hang', 'hangs', 'lag', 'laggy', 'slow', 'lemot', 'blank', 'force', 'close', 'closes', 'loading', 'load', 'bug', 'glitch', 'nge-freeze'], han: ['闪退', '崩溃', '卡死', '卡顿', '白屏', '黑屏', '打不开', '加载', '卡'] },
  complaint: { latin: ['complaint', 'complain', 'complaints', 'komplain', 'komplen', 'pengaduan', 'keluhan', 'escalate', 'eskalasi', 'regulator', 'ojk', 'ombudsman', 'ylki', 'bpsk', 'lawyer', 'legal', 'hukum', 'dispute', 'sengketa', 'grievance', 'formal', 'resmi', 'manager', 'supervisor', 'atasan'], han: ['投诉', '申诉', '举报', '监管', '律师', '法律', '升级处理', '主管', '正式'] },
  ticket: { latin: ['ticket', 'tiket', 'case', 'kasus', 'report', 'laporan', 'reported', 'dilaporin', 'complaint', 'request', 'pengajuan'], han: ['工单', '案子', '投诉', '报告', '申请', '单'] },
  followup: { latin: ['update', 'updates', 'status', 'progress', 'progres', 'perkembangan', 'news', 'kabar', 'follow', 'followup', 'still', 'masih', 'already', 'sudah'], han: ['进展', '进度', '状态', '消息', '跟进', '更新', '结果'] },
  time_wait: { latin: ['days', 'day', 'hari', 'week', 'weeks', 'minggu', 'seminggu', 'month', 'bulan', 'hours', 'jam', 'yesterday', 'kemarin', 'since', 'sejak', 'dari', 'ago', 'lalu'], han: ['天', '星期', '周', '个月', '小时', '昨天', '之前', '以前'] },
  question_how: { latin: ['how', 'bagaimana', 'cara', 'caranya'], han: ['怎么', '如何', '怎样'] },
  question_why: { latin: ['why', 'kenapa', 'mengapa', 'kok'], han: ['为什么', '为啥', '怎么回事'] },
  negation: { latin: ['not', 'no', 'never', 'tidak', 'belum', 'bukan', 'without', 'tanpa', 'nothing'], han: ['没', '不', '未', '无'] },
  fee: { latin: ['fee', 'fees', 'biaya', 'admin', 'commission', 'cost', 'costs', 'tarif'], han: ['手续费', '费用', '收费'] },
  limit: { latin: ['limit', 'limits', 'maximum', 'max', 'batas', 'cap'], han: ['限额', '上限', '额度'] },
  identity: { latin: ['identity', 'id', 'ktp', 'kyc', 'selfie', 'verify', 'verified', 'verification', 'passport', 'document', 'documents', 'dokumen'], han: ['身份', '实名', '认证', '证件', '身份证', '护照'] },
  country: { latin: ['abroad', 'overseas', 'foreign', 'international', 'country', 'luar negeri', 'currency', 'exchange'], han: ['国外', '境外', '外币', '汇率', '海外'] },
  greeting_only: { latin: ['hi', 'hello', 'halo', 'hai', 'morning', 'pagi', 'thanks', 'terima', 'kasih'], han: ['你好', '您好', '谢谢'] },
};

/**
 * General English (with some Indonesian and Chinese) vocabulary of retail banking and cards: the words
 * any bank's help pages use for the same thing. Inflections need not be listed: Latin words are also
 * matched by their Porter2 stem.
 */
const BANKING_CONCEPTS: Record<string, { latin: string[]; han: string[] }> = {
  delivery: { latin: ['deliver', 'delivery', 'ship', 'shipping', 'shipment', 'mail', 'mailed', 'post', 'posted', 'courier', 'dispatch', 'track', 'tracking', 'parcel', 'envelope', 'pengiriman', 'kurir', 'paket'], han: ['快递', '寄', '邮寄', '配送', '物流'] },
  atm: { latin: ['atm', 'atms', 'cashpoint', 'cash machine', 'cash point', 'machine', 'dispenser'], han: ['取款机', '自动柜员机'] },
  cash: { latin: ['cash', 'banknote', 'banknotes', 'notes', 'coins', 'tunai'], han: ['现金', '现钞'] },
  exchange: { latin: ['exchange', 'rate', 'rates', 'conversion', 'convert', 'currency', 'currencies', 'fx', 'forex', 'kurs', 'euro', 'euros', 'dollar', 'dollars', 'pound', 'pounds', 'gbp', 'usd', 'eur'], han: ['汇率', '兑换', '换汇', '外币', '货币'] },
  charge_fee: { latin: ['fee', 'surcharge', 'commission', 'pricing', 'price', 'cost', 'extra', 'tariff', 'biaya', 'ongkos'], han: ['手续费', '费用', '收费', '额外'] },
  verify: { latin: ['verify', 'verification', 'identity', 'identification', 'id', 'proof', 'kyc', 'confirm', 'authenticate', 'authentication', 'passport', 'licence', 'license', 'document', 'verifikasi'], han: ['验证', '认证', '身份', '证明', '核实'] },
  lost_stolen: { latin: ['lost', 'lose', 'stolen', 'steal', 'stole', 'theft', 'thief', 'robbed', 'misplaced', 'missing', 'hilang', 'dicuri', 'curi'], han: ['丢失', '丢了', '被偷', '被盗', '遗失'] },
  cancel: { latin: ['cancel', 'cancellation', 'revert', 'reverse', 'undo', 'terminate', 'termination', 'close', 'delete', 'remove', 'stop', 'batal', 'batalkan', 'hapus', 'tutup'], han: ['取消', '撤销', '注销', '删除', '关闭'] },
  mobile_wallet: { latin: ['apple', 'google', 'android', 'gpay', 'applepay', 'samsung', 'wallet', 'iphone', 'watch'], han: ['钱包', '苹果', '谷歌'] },
  contactless: { latin: ['contactless', 'tap', 'nfc', 'paywave', 'wave', 'terminal', 'reader'], han: ['非接触', '闪付', '碰一碰'] },
  age: { latin: ['age', 'old', 'older', 'young', 'younger', 'years', 'minor', 'child', 'children', 'kid', 'kids', 'teen', 'teenager', 'son', 'daughter', 'underage', 'adult', 'umur', 'usia', 'anak'], han: ['年龄', '岁', '孩子', '未成年', '儿子', '女儿'] },
  payee: { latin: ['beneficiary', 'recipient', 'payee', 'receiver', 'penerima', 'someone', 'friend', 'family', 'relative'], han: ['收款人', '收款方', '对方', '朋友', '家人'] },
  disposable: { latin: ['disposable', 'virtual', 'temporary', 'single', 'once', 'online'], han: ['虚拟卡', '一次性', '临时'] },
  additional: { latin: ['spare', 'extra', 'additional', 'another', 'second', 'replacement', 'replace', 'new', 'tambahan', 'baru'], han: ['额外', '另一张', '第二张', '备用', '补办', '新卡'] },
  history: { latin: ['statement', 'statements', 'transaction', 'transactions', 'history', 'activity', 'record', 'records', 'mutasi', 'riwayat', 'transaksi'], han: ['账单', '交易', '记录', '流水', '明细'] },
  income: { latin: ['salary', 'wage', 'wages', 'paycheck', 'income', 'payroll', 'employer', 'gaji'], han: ['工资', '薪水', '收入'] },
  travel: { latin: ['travel', 'travelling', 'traveling', 'trip', 'vacation', 'abroad', 'overseas', 'foreign', 'country', 'countries', 'international', 'europe', 'luar negeri'], han: ['旅行', '出国', '国外', '境外', '海外'] },
  expiry: { latin: ['expire', 'expiry', 'expiration', 'valid', 'validity', 'renew', 'renewal', 'kedaluwarsa', 'kadaluarsa'], han: ['过期', '到期', '有效期', '续期'] },
  activate: { latin: ['activate', 'activation', 'enable', 'setup', 'set up', 'aktivasi', 'aktifkan'], han: ['激活', '开通', '启用'] },
  direct_debit: { latin: ['direct debit', 'standing order', 'recurring', 'subscription', 'autopay', 'mandate'], han: ['自动扣款', '代扣', '订阅'] },
  wrong: { latin: ['wrong', 'incorrect', 'mistake', 'mistaken', 'accidentally', 'accident', 'erroneous', 'salah', 'keliru'], han: ['错误', '弄错', '不对', '错了', '转错'] },
  amount: { latin: ['amount', 'sum', 'total', 'figure', 'jumlah', 'nominal'], han: ['金额', '数额', '总额'] },
  when: { latin: ['when', 'soon', 'long', 'yet', 'expect', 'expected', 'estimate', 'eta', 'kapan', 'lama'], han: ['什么时候', '多久', '多长时间', '何时'] },
  broken: { latin: ['work', 'working', 'broken', 'function', 'functioning', 'malfunction', 'damaged', 'damage', 'rusak'], han: ['坏了', '不能用', '用不了', '损坏'] },
  obtain: { latin: ['order', 'request', 'get', 'obtain', 'apply', 'application', 'issue', 'pesan', 'ajukan', 'dapat'], han: ['申请', '办理', '领取', '办卡'] },
  link_account: { latin: ['link', 'connect', 'attach', 'add', 'sync', 'hubungkan', 'tautkan'], han: ['绑定', '关联', '添加'] },
  support_available: { latin: ['support', 'supported', 'available', 'availability', 'accept', 'accepted', 'allowed', 'allow', 'possible', 'tersedia', 'bisa'], han: ['支持', '可以', '可用', '允许'] },
};
for (const [concept, entry] of Object.entries(BANKING_CONCEPTS)) CONCEPTS[concept] = entry;

const latinIndex = new Map<string, string[]>();
/** Single-word keys by their Porter2 stem, so that "refunding" or "deliveries" match without listing. */
const stemIndex = new Map<string, string[]>();
const hanKeys: [string, string][] = [];
function addKey(index: Map<string, string[]>, key: string, concept: string): void {
  const list = index.get(key);
  if (!list) index.set(key, [concept]);
  else if (!list.includes(concept)) list.push(concept);
}
for (const [concept, { latin, han }] of Object.entries(CONCEPTS)) {
  for (const key of latin) {
    addKey(latinIndex, key, concept);
    if (!key.includes(' ') && key.length >= 4) addKey(stemIndex, stemEnglish(key), concept);
  }
  for (const key of han) hanKeys.push([key, concept]);
}

/** Concepts named by Latin tokens (unigrams and adjacent pairs). */
export function latinConcepts(tokens: readonly string[], out: (concept: string) => void): void {
  for (let i = 0; i < tokens.length; i++) {
    const one = latinIndex.get(tokens[i]);
    if (one) for (const c of one) out(c);
    if (tokens[i].length >= 4) {
      const byStem = stemIndex.get(stemEnglish(tokens[i]));
      if (byStem) for (const c of byStem) if (!one || !one.includes(c)) out(c);
    }
    if (i + 1 < tokens.length) {
      const two = latinIndex.get(tokens[i] + ' ' + tokens[i + 1]);
      if (two) for (const c of two) out(c);
    }
  }
}

/** Concepts named inside a run of Chinese characters (substring match). */
export function hanConcepts(run: string, out: (concept: string) => void): void {
  for (const [key, concept] of hanKeys) if (run.includes(key)) out(concept);
}

/** The thesaurus concepts a text names (after normalisation and slang expansion), each once. */
export function conceptsIn(text: string): string[] {
  const found = new Set<string>();
  const add = (concept: string) => found.add(concept);
  for (const run of splitScripts(normalizeText(text))) {
    if (run.han) hanConcepts(run.text, add);
    else latinConcepts(latinTokens(run.text), add);
  }
  return [...found];
}
