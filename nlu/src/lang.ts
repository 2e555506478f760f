/**
 * Language detection for zh / id / en. Han characters mean Chinese. Otherwise trigram statistics
 * (franc-min, limited to Indonesian and English) decide longer texts, and a lexicon of function words and
 * chat slang decides short ones, where trigram statistics are unreliable ("udh blm?", "pls help").
 */
import { franc } from 'franc-min';
import { hasHan, latinTokens, normalizeText } from './normalize.js';

export type Lang = 'zh' | 'id' | 'en';

// Counted after slang expansion, so "gw", "udh", "gak" already read as "saya", "sudah", "tidak".
const INDONESIAN_MARKERS = new Set(
  `yang saya tidak sudah belum tapi bisa kok dong sih ya yah deh nih tuh min kak saja ada dan di ke dari untuk buat
  mau gimana bagaimana kenapa apa ini itu akun masuk kirim saldo uang gagal tolong terus lagi masih juga sama dengan
  karena kalau banget lewat pakai kapan dimana mana atau bukan harus minta padahal sampai tadi kemarin sekarang hari
  jam bulan tahun orang nomor rekening baru lama cuma kayak begitu begini terima kasih halo hai selamat pagi siang
  malam kami kalian anda dia mereka kita bantu bantuan cara ganti ubah hilang dapat pernah belanja bayar tagihan
  tunggu semua udah gak mohon segera tetap tetep banyak kenapa kok aplikasi pesan kode masukin nggak kalo gw sy
  tanggal besok nya apakah adakah berapa dong boleh lupa sandi diblokir terblokir kena potong kepotong dipotong
  tiba sendiri jadi biar supaya agar pas waktu lho loh kah lah pun wkwk sampe kartu hubungi menghubungi layanan
  pelanggan keluhan tiket laporan bales balas nanya tanya`.split(/\s+/),
);

const ENGLISH_MARKERS = new Set(
  `the a an i my me mine you your is are was were am to of and for in on it its this that these those not can could
  do does did have has had what how why when where who which please with from but still money account card payment
  help get got want need been be will would should there any just no yes hi hello thanks thank some someone
  again yet never always all why my our we they he she his her them than then because if about into out up down
  only also very too much many more most already since before after while as at by or so such own same other
  anyone anything nothing something every here today yesterday tomorrow week month day time hours wallet
  received receive sent send charged charge refund balance phone number change changed working work wrong
  keep keeps kept stuck failed fails fail pending let like say says said tell told know cant dont didnt
  isnt wont doesnt im ive youre whats able unable would`.split(/\s+/),
);

export function lexiconScores(text: string): { id: number; en: number; tokens: number } {
  const tokens = latinTokens(normalizeText(text));
  let id = 0;
  let en = 0;
  for (const t of tokens) {
    if (INDONESIAN_MARKERS.has(t)) id++;
    if (ENGLISH_MARKERS.has(t)) en++;
  }
  return { id, en, tokens: tokens.length };
}

export function detectLanguage(text: string): Lang {
  if (hasHan(text)) return 'zh';
  const lex = lexiconScores(text);
  const trigram = franc(text, { only: ['ind', 'eng'], minLength: 12 });
  const margin = lex.id - lex.en;
  // Short texts, or a clear lexical majority: trust the words.
  if (text.length < 40 || Math.abs(margin) >= 2 || trigram === 'und') {
    if (margin > 0) return 'id';
    if (margin < 0) return 'en';
    if (trigram === 'ind') return 'id';
    if (trigram === 'eng') return 'en';
    // Nothing to go on (a lone keyword, digits, emoji): English is the neutral choice.
    return 'en';
  }
  return trigram === 'ind' ? 'id' : 'en';
}
