// Indonesian affix stripper in the style of Nazief–Adriani / ECS.
// No registry package for Indonesian stemming installs here, so this one is ours. It is guided by a
// lexicon of root words: stripping stops as soon as a root is reached, which avoids the classic
// over-stemming (masalah -> masa, pesan -> pes) and picks the right recoding for meN-/peN-
// (mengirim -> kirim, not irim). Words whose root is unknown fall back to a conservative default
// that is at least deterministic, so the index and the query always agree.

// Roots common in everyday Indonesian and in wallet support. Add words here when a search misses
// because two forms of one word stem apart.
const ROOT_WORDS = `
ada adu agar ajak ajar akan akhir akses aktif aktivitas akun alam alamat alas alih alir aman ambil ampun
anak andal beritahu milik tugas tanya usaha angka angkat anggap antar antre antri apa aplikasi ada asli atas atur awal awas ayo
baca badan bagi bahas baik bajak baku balas balik banding bangun bank bantu banyak barang baru batal batas
bawa bayar beban bebas beda beku beli benar berat beri berita bersih besar betul biar biasa bicara bijak
bilang bisa blokir bocor bohong buat bujuk buka bukti bulan buru butuh
cabut cadang cair cantum capai cari catat cegah cek cepat cerita cetak cocok coba cuci curi curiga
dadak daftar dalam damai dampak dapat darurat data datang dekat dengar desak detail diam dompet dorong duga dukung dulu
edar ekstra email enak erti
faktor fitur foto
gagal ganggu ganti gelap gerai guna
hadap hadir hak hal halaman hambat hapus harap harga hari hasil henti hilang hitung hubung hukum hutang
ikut ilang imbau informasi ingat ingin instal isi istirahat izin
jadi jaga jalan jalur jam jamin jangan jawab jelas jenis jual juang jumlah jurus
kabar kait kala kalah kali kamar kantor kartu kasih kata kecil keluar keluh kembali kena kenal kendala kerja
kesan ketik khusus kira kirim kode komplain konfirmasi koneksi kontak kosong kuat kunci kurang
lacak lagi laju laku lalu lama lambat lampir langgan langkah langsung lanjut lapor larang lawan layan
lebih lengkap lepas letak lewat libur lihat lindung lupa luar lulus
mahal main maju makan maksud mampu marah masa masalah masuk mati maaf minta mirip muat mudah muka mula mulai
nama nasabah nilai nomor
olah orang
pakai paksa palsu panggil panjang pantau pasang pasti peduli pegang pelihara penting percaya perlu pesan
pikir pilih pindah pinjam pintu pokok ponsel potong proses pulih pungut
rahasia ramai rancang rekam rekening resmi respons ribet rinci ringkas risiko rugi rusak
sabar sadar saing saksi salah saldo salin sama sambung sampai sandi sangka sapa saran satu sebab sedia
segera selesai semua sempat sering sesuai setuju siap sidang simpan singkat sinyal sistem situs sopan sulit
sumber sunting surat susah
tahan tahu tagih tahan tambah tampil tanda tangan tanggal tanggap tanggung tanya tarik tawar
tekan telepon teliti teman tempat tempel temu tengah tentu terang terap terima tepat tidak tinggal tipu
tolak tolong tua tuju tukar tulis tumpuk tunda tunggu tunjuk tuntut turun tutup
ubah ujung ulang ulas umum unduh unggah untung upaya urus usaha utama
verifikasi versi
waktu wajib wajar warga
`;

// Loanwords and nouns that merely end like a suffix (-i, -an, -kan) or start like a prefix.
const WHOLE_WORDS = `
aplikasi transaksi informasi notifikasi verifikasi konfirmasi registrasi identifikasi autentikasi otentikasi
komunikasi lokasi versi koneksi promosi instalasi regulasi investigasi asuransi situasi kondisi posisi
operasi edisi definisi teknisi polisi televisi frekuensi kompetensi relasi kompensasi eskalasi mediasi
organisasi administrasi sosialisasi otorisasi validasi aktivasi deaktivasi reaktivasi
masalah salah sudah belum bahwa karena tetapi setelah sebelum sekarang kemudian selama semua sesuai segera
pesan jalan bulan ulang tahun teman taman makan ponsel perangkat peramban mesin media sosial akun saldo dana
uang rekening kartu bank merchant pedagang menit detik pagi siang sore malam minggu senin selasa rabu kamis
jumat sabtu perlu tentang terhadap antara bersama berapa beberapa perintah istilah sekolah telah
`;

const ROOTS = new Set((ROOT_WORDS + ' ' + WHOLE_WORDS).split(/\s+/).filter(Boolean));
const KEEP = new Set(WHOLE_WORDS.split(/\s+/).filter(Boolean));

const VOWEL = /^[aiueo]/;

/** One prefix removed, every plausible recoding: returns candidate remainders. */
function unprefix(w: string): string[] {
  const out: string[] = [];
  const rest = (n: number) => w.slice(n);
  if (/^(di|ke|se)/.test(w)) out.push(rest(2));
  if (w.startsWith('ter')) {
    out.push(rest(3));
    if (VOWEL.test(rest(3))) out.push('r' + rest(3));
  }
  if (w.startsWith('ber')) {
    out.push(rest(3));
    if (VOWEL.test(rest(3))) out.push('r' + rest(3));
  } else if (w.startsWith('be')) out.push(rest(2)); // bekerja, beserta
  if (w.startsWith('per')) {
    out.push(rest(3));
    if (VOWEL.test(rest(3))) out.push('r' + rest(3));
  }
  for (const p of ['me', 'pe'] as const) {
    if (!w.startsWith(p)) continue;
    const s = rest(2);
    if (s.startsWith('ng')) {
      const r = s.slice(2);
      out.push(r);
      if (VOWEL.test(r)) out.push('k' + r); // mengirim -> kirim
    } else if (s.startsWith('ny')) {
      out.push('s' + s.slice(2)); // menyimpan -> simpan
      out.push(s.slice(2));
    } else if (s.startsWith('m')) {
      const r = s.slice(1);
      out.push(r);
      if (VOWEL.test(r)) out.push('p' + r, 'm' + r); // memakai -> pakai
    } else if (s.startsWith('n')) {
      const r = s.slice(1);
      out.push(r);
      if (VOWEL.test(r)) out.push('t' + r, 'n' + r); // menunggu -> tunggu
    } else if (s.startsWith('r')) {
      out.push(s.slice(1), s);
    } else {
      out.push(s); // melapor -> lapor, merusak -> rusak
    }
  }
  return out.filter((r) => r.length >= 2);
}

function unsuffix(w: string): string[] {
  const out = [w];
  if (w.endsWith('kan') && w.length > 5) out.push(w.slice(0, -3));
  if (w.endsWith('an') && w.length > 4) out.push(w.slice(0, -2));
  if (w.endsWith('i') && w.length > 4) out.push(w.slice(0, -1));
  return out;
}

/** Breadth-first over prefix removals (at most three) for each suffix variant; first root wins. */
function findRoot(w: string): string | undefined {
  for (const base of unsuffix(w)) {
    if (ROOTS.has(base)) return base;
  }
  let frontier = unsuffix(w);
  for (let depth = 0; depth < 3; depth++) {
    const next: string[] = [];
    for (const f of frontier) {
      for (const c of unprefix(f)) {
        for (const s of unsuffix(c)) if (ROOTS.has(s)) return s;
        next.push(c);
      }
    }
    if (next.length === 0) break;
    frontier = next;
  }
  return undefined;
}

/** The default path for words outside the lexicon: cautious, so unknown words stay recognisable. */
function fallback(w: string): string {
  let s = w;
  if (s.endsWith('kan') && s.length >= 7) s = s.slice(0, -3);
  else if (s.endsWith('an') && s.length >= 6) s = s.slice(0, -2);
  else if (s.endsWith('i') && s.length >= 6 && !s.endsWith('si')) s = s.slice(0, -1);
  for (let i = 0; i < 2; i++) {
    const m = /^(di|ke|se|ter|ber|per|meng|peng|meny|peny|mem|pem|men|pen|me|pe)(.+)$/.exec(s);
    if (!m || m[2]!.length < 4) break;
    const [, p, r] = m as unknown as [string, string, string];
    if ((p === 'meny' || p === 'peny') && VOWEL.test(r)) s = 's' + r;
    else if ((p === 'mem' || p === 'pem') && VOWEL.test(r)) s = 'p' + r;
    else if ((p === 'men' || p === 'pen') && VOWEL.test(r)) s = 't' + r;
    else s = r;
  }
  return s;
}

const PARTICLE = /(lah|kah|tah|pun)$/;
const POSSESSIVE = /(nya|ku|mu)$/;

/** Stem one lowercase Indonesian word. */
export function stemIndonesian(word: string): string {
  if (word.length <= 3 || ROOTS.has(word) || KEEP.has(word) || /\d/.test(word)) return word;
  let w = word;
  if (PARTICLE.test(w) && w.length > 5) {
    const s = w.replace(PARTICLE, '');
    if (ROOTS.has(s)) return s;
    w = s;
  }
  if (POSSESSIVE.test(w) && w.length > 4) {
    const s = w.replace(POSSESSIVE, '');
    if (ROOTS.has(s) || KEEP.has(s)) return s;
    // "saldonya", "akunku": what is left is the word itself when it is not a verb form.
    if (s.length >= 3) w = s;
  }
  if (KEEP.has(w)) return w;
  return findRoot(w) ?? fallback(w);
}
