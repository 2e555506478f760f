/**
 * Light Indonesian stemmer for chat text. Without a root dictionary it cannot be exact, so it aims to be
 * consistent: "dikirim", "kirimin", "kiriman" all fold to "kirim". Nasal prefixes that may have swallowed
 * a k/p/t/s (meng-irim vs kirim) yield a second candidate, and both become features.
 */

// Words that end like a suffix or start like a prefix but are roots (or loanwords) to leave alone.
const KEEP = new Set([
  'lain', 'main', 'mesin', 'yakin', 'ingin', 'mungkin', 'kemarin', 'login', 'bensin', 'izin', 'ijin', 'dingin',
  'angin', 'miskin', 'admin', 'koin', 'domain', 'pin', 'online', 'offline', 'bulan', 'jalan', 'taman', 'teman',
  'ikan', 'makan', 'akan', 'bukan', 'tujuan', 'pesan', 'tahan', 'tekan', 'depan', 'kanan', 'badan', 'ulang',
  'uang', 'sayang', 'perlu', 'pernah', 'bener', 'benar', 'berapa', 'bersih', 'dimana', 'kenapa',
  'keluar', 'kerja', 'kecil', 'kena', 'kemana', 'tetapi', 'teller', 'terus', 'terima', 'tertentu', 'merchant',
  'member', 'menu', 'meter', 'media', 'dia', 'diam', 'diri', 'dingin', 'data', 'sekarang', 'memang',
  'password', 'transfer', 'transaksi', 'rekening', 'kartu', 'dana', 'cari', 'beli', 'kali', 'lagi', 'hari',
  'pagi', 'tadi', 'nanti', 'sini', 'situ', 'mau', 'nya', 'punya', 'ketik', 'ketika', 'kenal', 'periksa',
  'pergi', 'minta', 'mengapa',
]);

const PARTICLES = ['lah', 'kah', 'tah', 'pun'];
const POSSESSIVES = ['nya', 'ku', 'mu'];
const VOWELS = 'aeiou';

function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && VOWELS.includes(ch);
}

const cache = new Map<string, string[]>();

/** Returns one or two stem candidates for a lower-cased Indonesian word. */
export function stemIndonesian(word: string): string[] {
  const hit = cache.get(word);
  if (hit) return hit;
  const out = stemUncached(word);
  if (cache.size > 50000) cache.clear();
  cache.set(word, out);
  return out;
}

function stripSuffixes(word: string): { stem: string; hadDerivational: boolean; suffix: string } {
  let w = word;
  for (const p of PARTICLES) {
    // "masalah", "salah", "sekolah": a vowel before "lah" means it belongs to the root.
    if (p === 'lah' && isVowel(w[w.length - 4])) continue;
    if (w.endsWith(p) && w.length - p.length >= 4) {
      w = w.slice(0, -p.length);
      break;
    }
  }
  for (const p of POSSESSIVES) {
    if (w.endsWith(p) && w.length - p.length >= 4 && !KEEP.has(w)) {
      w = w.slice(0, -p.length);
      break;
    }
  }
  if (KEEP.has(w)) return { stem: w, hadDerivational: false, suffix: '' };
  // Colloquial Jakarta "-in" plays the role of -kan/-i: "balikin", "bantuin", "kirimin".
  for (const s of ['kan', 'in', 'an']) {
    if (w.endsWith(s) && w.length - s.length >= 4) return { stem: w.slice(0, -s.length), hadDerivational: true, suffix: s };
  }
  return { stem: w, hadDerivational: false, suffix: '' };
}

function stripPrefix(word: string): string[] {
  const w = word;
  const rest = (n: number): string => w.slice(n);
  const ok = (s: string): boolean => s.length >= 3;
  // Nasal prefixes: meny-/peny-/ny- replace s; men-/pen- replace t before a vowel; mem-/pem- replace p.
  for (const pre of ['meny', 'peny']) {
    if (w.startsWith(pre) && isVowel(w[pre.length])) return ['s' + rest(pre.length)];
  }
  for (const pre of ['meng', 'peng']) {
    if (w.startsWith(pre)) {
      const r = rest(pre.length);
      if (!ok(r)) return [w];
      // "menge-" before a one-syllable root: mengecek -> cek.
      if (r.startsWith('e') && r.length <= 4) return [r.slice(1)];
      return isVowel(r[0]) ? [r, 'k' + r] : [r];
    }
  }
  for (const pre of ['mem', 'pem']) {
    if (w.startsWith(pre)) {
      const r = rest(pre.length);
      if (!ok(r)) return [w];
      if (r[0] === 'b' || r[0] === 'p' || r[0] === 'f') return [r];
      if (isVowel(r[0])) return ['p' + r, r];
      return [r];
    }
  }
  for (const pre of ['men', 'pen']) {
    if (w.startsWith(pre)) {
      const r = rest(pre.length);
      if (!ok(r)) return [w];
      if ('cdjtz'.includes(r[0])) return [r];
      if (isVowel(r[0])) return ['t' + r, r];
      return [w];
    }
  }
  if ((w.startsWith('me') || w.startsWith('pe')) && 'lrwymn'.includes(w[2] ?? '') && ok(rest(2))) return [rest(2)];
  // Colloquial nasal prefixes: nge-/ng-/ny-: ngecek, ngirim, nyimpen.
  if (w.startsWith('nge') && !isVowel(w[3]) && ok(rest(3))) return [rest(3)];
  if (w.startsWith('ng') && isVowel(w[2]) && ok(rest(2))) return [rest(2), 'k' + rest(2)];
  if (w.startsWith('ny') && isVowel(w[2]) && ok(rest(2))) return ['s' + rest(2), 'c' + rest(2)];
  for (const pre of ['ber', 'ter', 'per']) {
    if (w.startsWith(pre) && ok(rest(3)) && rest(3).length >= 4) return [rest(3)];
  }
  if (w.startsWith('be') && w[2] !== 'r' && !isVowel(w[2]) && rest(2).length >= 4) return [rest(2)];
  if (w.startsWith('di') && rest(2).length >= 4) return stripPrefixOnce(rest(2));
  // Colloquial passive "ke-": kepotong, kebuka, ketipu.
  if (w.startsWith('ke') && !isVowel(w[2]) && rest(2).length >= 4) return [rest(2)];
  return [w];
}

// "diper-", "diber-" stack one more prefix.
function stripPrefixOnce(word: string): string[] {
  for (const pre of ['per', 'ber']) {
    if (word.startsWith(pre) && word.length - 3 >= 4) return [word.slice(3)];
  }
  return [word];
}

function stemUncached(word: string): string[] {
  if (word.length <= 4 || KEEP.has(word) || !/^[a-z]+$/.test(word)) return [word];
  const { stem, hadDerivational, suffix } = stripSuffixes(word);
  if (KEEP.has(stem)) return [stem];
  let candidates = stripPrefix(stem);
  // A bare "-i" suffix is only safe to drop once a prefix confirmed the word was derived: dihubungi -> hubung.
  if (!hadDerivational && candidates[0] !== stem) {
    // ...but not after a vowel: pakai, sampai, selesai are roots.
    candidates = candidates.map((c) => (c.endsWith('i') && c.length >= 5 && !isVowel(c[c.length - 2]) ? c.slice(0, -1) : c));
  }
  // If stripping "-an" left a prefix-less stem, it may have been a root ending in -an; keep it as an extra candidate.
  if (suffix === 'an' && candidates.length === 1 && candidates[0] === stem) candidates = [stem, word];
  return [...new Set(candidates)];
}
