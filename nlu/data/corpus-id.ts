/** Indonesian message cores (chat register, slang, code-switching). Slots as in corpus-en.ts. */
export const ID: Record<string, string> = {
  topup_failed: `
+ topup {amt} saldo kepotong tp gak masuk2, penipu lu semua
+ isi saldo duit ilang gak masuk, aplikasi penipu
topup {amt} lewat m-banking {bank} udh kepotong tp saldo blm masuk
isi saldo via VA {bank} statusnya pending terus
td bayar topup di {store} {amt}, struk ada tp saldo gk nambah
topup gagal tp duit di rekening udh kepotong
kak saldo gw blm masuk padahal udh transfer ke virtual account
topup pake kartu debit gagal mulu
udh {days} topup blm masuk juga, gimana nih
isi saldo di agen tp gak masuk2, agennya bilang udh sukses
kode pembayaran topup dari {store} gak kebaca kasirnya
top up {amt} dari {bank} statusnya masih diproses
saya sudah top up tapi saldo tidak bertambah
min, topup via internet banking {bank} gagal tapi saldo rekening berkurang
nomor VA nya expired pas lagi transfer, duitnya kemana ini
top up ke dompet gagal terus, muncul tulisan transaksi tidak dapat diproses
top up saya dobel kepotong di rekening, yg masuk cuma satu
saldo tidak masuk setelah topup di {store}
mau isi saldo kok gagal terus ya
topup {time} blm masuk sampe skrg
isi ulang saldo lewat {bank} gak nyampe2
riwayat topup gw pending, rekening udh debet
topup pake kartu kredit ditolak
kenapa topup saya belum masuk? udah lebih dari 2 jam
udh bayar ke kasir {store} buat isi saldo tp saldo masih 0
top up via VA udh berhasil di m-banking, di app blm ada
topup gw ilang, di rekening ke-debet di dompet gak ada
isi saldo gagal melulu dari {bank}, padahal saldo rekening cukup
mohon dicek topup saya tanggal {date} belum masuk
topup gagal tapi uangnya gak balik ke rekening
transfer ke nomor virtual account buat topup belum masuk ke saldo
status topup: menunggu pembayaran, padahal udh bayar
kak isi saldo lwt teller bank udh, di aplikasi blm muncul
topup via {bank} error mulu dari pagi
saldo gak bertambah abis topup, tolong dicek
topupnya nyangkut kak
top up {amt} kepotong dua kali di rekening
topup gagal
saldo belum masuk abis topup
min td gw topup {amt} dari {bank}, rekening udh kepotong tp saldo di app masih sama aja. tolong dicek ya
isi saldo gak masuk
topup via agen blm masuk, agennya udh kasih bukti
kok topup gw gagal terus
udh bayar kode topup di {store} tp saldo gak berubah
topup pending dari {time}
top up gagal, duit di rekening blm balik
saldo tidak bertambah setelah isi ulang
min td pagi gw topup {amt} lewat m-banking {bank}, udh dapet notif berhasil dari bank dan saldo rekening udh kepotong, tp saldo di app masih yg lama. ini gimana ya?
dari {time} nyoba isi saldo pake kartu debit selalu gagal, padahal kartunya bisa dipake di tempat lain
td ke {store} mau isi saldo, bayar {amt} cash, kasir bilang udh, struk ada, saldo tetep 0. tolong dimasukin
`,
  payment_failed: `
+ bayar di {merchant} saldo kepotong tp status blm bayar, penipuan nih
bayar pake QR di kasir gagal terus
pembayaran di {merchant} gagal tp saldo kepotong
bayar {bill} gagal, saldo udh berkurang
kok pembayaran gw ditolak padahal saldo cukup
kepotong dua kali buat satu transaksi di {merchant}
scan QRIS di warung error mulu
checkout di {merchant} pake e-wallet gagal terus
udh bayar {bill} tp statusnya masih belum dibayar
transaksi di merchant gagal tp saldo ilang {amt}
pembayaran gagal terus padahal saldo ada
bayar tagihan {bill} gak bisa, muncul error
merchant bilang pembayaran blm masuk, saldo gw udh kepotong
kenapa bayar di {merchant} selalu declined
beli token listrik udh bayar tp tokennya gak keluar
bayar pesanan makanan gagal, duit kepotong
transaksi double charge di {merchant}
bayar pake scan qr, saldo kepotong tp di kasir belum lunas
pembayaran {bill} saya dobel
gak bisa bayar di {merchant}, katanya metode pembayaran tidak tersedia
pesanan dibatalin krn pembayaran gagal, tp saldo udh kepotong {amt}
beli pulsa gagal tapi saldo berkurang
bayar ojol pake saldo gagal, jadi bayar cash
pembayaran tertahan, status processing dari {time}
bayar tagihan internet error terus
kenapa transaksi pembayaran saya gagal ya kak
qris nya ditolak, katanya kode qr tidak valid
bayar {amt} di toko gagal tp saldo gw kepotong
pembayaran belanja online gagal mulu pake dompet ini
tagihan {bill} kebayar dua kali
error pas bayar di {merchant}, tulisannya transaksi gagal
pembayaran ke merchant ditolak terus dari {time}
bayar tiket gagal, tiketnya gak terbit
mau bayar kok gak bisa2 ya
gw bayar di kasir, kasir bilang belum masuk, app bilang sukses
bayar cicilan lewat app gagal
pembayaran gagal
bayar gagal tp saldo kepotong
gak bisa bayar pake e-wallet di {merchant}
scan qr gagal padahal saldo cukup
bayar {bill} gagal terus
kasir bilang pembayaran gagal, gw bayar ulang, skrg kepotong dua kali
transaksi pembayaran saya ditolak terus
belanja online bayar pake saldo gagal
pesanan di {merchant} masih menunggu pembayaran padahal saldo udh kepotong {amt}
kenapa gak bisa bayar tagihan
tadi belanja di {merchant} bayar pake e-wallet, di layar tulisannya gagal tp saldo gw kepotong {amt} dan kasir bilang blm nerima
tiap mau bayar tagihan {bill} di app muncul pembayaran tidak dapat diproses, saldo cukup kok, udh coba {n} kali
checkout di {merchant} pake saldo, saldo kepotong tp pesanan masih menunggu pembayaran. gw mau pesanannya atau duitnya balik
`,
  transfer_failed: `
+ tf gagal duit udh kepotong, dasar penipu
transfer ke rekening {bank} gagal tp saldo udh kepotong
kirim uang ke temen gagal terus
tf ke sesama pengguna gak bisa, katanya penerima tidak ditemukan
transfer ke bank ditolak, nomor rekening tidak valid katanya
mau kirim {amt} ke nyokap gagal mulu
transfer gw ke {bank} nyangkut di proses dari {time}
transfer gagal, duitnya kemana?
kirim saldo ke nomor lain error terus
tf ke {bank} gagal trs, udh coba {n} kali
kenapa transfer saya selalu ditolak
transfer ke rekening sendiri gagal
status transfer berubah jadi gagal, tp saldo blm balik
mau tf ke {bank} tapi selalu gagal di langkah terakhir
kirim duit ke adek gagal, katanya coba lagi nanti
transfer antar bank gagal terus dari pagi
tf ke temen {amt} gagal tapi saldo berkurang
gak bisa transfer ke e-wallet lain
transfer ke rekening tujuan ditolak bank penerima
transfer saya dibatalkan sistem tanpa alasan
udh klik kirim, muncul transaksi gagal
transfer ke {bank} gagal, rekeningnya bener kok
kirim uang ke pacar gagal mulu
tf gak bisa, katanya layanan transfer tidak tersedia
bayar utang ke temen lewat transfer gagal
transfer ke nomor hp temen gk nyampe, di app status gagal
kirim uang gagal pas masukin pin
transfer gagal error kode TRF
tarik saldo ke rekening {bank} gagal
transfer {amt} ke rekening supplier gagal, urgent
transfernya gagal terus min, tolong cek
kok gak bisa kirim saldo ya
tf ke bank gagal tapi di mutasi ada
mau transfer muncul tulisan limit, padahal baru {amt}
transfer ke sesama gagal sejak {time}
transfer keluar gagal dan dananya ketahan
transfer gagal
tf gagal
kirim uang gak bisa
transfer ke {bank} gagal terus, padahal saldo cukup
gw mau kirim uang ke keluarga tp gagal terus
transfer ke nomor lain gak masuk, statusnya gagal
tf ke {ewallet} gagal
abis masukin pin transfernya gagal
transfer saya gagal tapi saldo tetap berkurang {amt}
kenapa gak bisa transfer dari {time}
mau kirim {amt} ke rekening {bank} adek buat bayar sekolah, tp transfernya gagal terus di langkah terakhir, katanya coba lagi nanti
tf ke nomor e-wallet temen, sejam statusnya diproses trs jadi gagal, saldo gw blm balik
kok transfer ke {bank} ditolak terus, katanya rekening tidak valid padahal nomornya udh gw copy dari app dia
`,
  funds_not_received: `
+ duit kiriman temen gak masuk2, aplikasi penipu
temen gw udh tf {amt} tp gw gak terima
refund dari {merchant} blm masuk udh {days}
cashback gak masuk2
tarik saldo ke {bank} blm masuk ke rekening
refund pesanan yg dibatalin blm balik
ada yg kirim duit ke gw, dia ada bukti tf, saldo gw gak nambah
dana refund belum diterima sampai sekarang
cashback transaksi kemarin blm dapet
penarikan ke rekening {bank} statusnya sukses tp rekening kosong
saldo masuk dari temen gak muncul
refund transaksi gagal blm kembali
pengirim bilang udh kirim, gw blm terima apa2
cashback katanya masuk 1x24 jam, udh lewat blm ada
uang dari pembeli blm masuk ke saldo
withdraw ke {bank} masih pending {days}
katanya refund 3 hari kerja, ini udh {days}
pengembalian dana dari double charge blm masuk
transferan dari kakak blm nyampe ke dompet gw
kapan refund saya masuk? pesanan dibatalkan {time}
tarik tunai ke bank gak masuk
nunggu kiriman {amt} dari klien, blm ada notif
poin cashback promo gak ditambahin
status refund selesai tp duitnya gak ada
uang dari transaksi gagal gak balik2
penjual udh refund ke e-wallet tp gak ada di saldo
dana penarikan tidak masuk ke rekening saya
notif uang masuk ada, saldonya gak berubah
uang yg seharusnya gw terima {time} gak ada
dana kiriman ke saya hilang
nunggu uang masuk udh {days}
refundnya kemana ya, di saldo gak ada di kartu jg gak ada
pencairan ke rekening blm sampai
kiriman uang dari luar negeri belum masuk saldo
promo cashback {amt} gak dikasih padahal syarat udh dipenuhi
dana refund tiket konser belum masuk
refund blm masuk
uang blm masuk
temen udh tf tp gw blm terima
penarikan ke rekening {bank} blm masuk
cashback gak masuk
dana dari {merchant} blm diterima
refund {amt} blm balik ke saldo
udh {days} nunggu uang masuk
kiriman uang buat gw gak nyampe2
uang kembalian transaksi gagal blm masuk
temen gw kirim {amt} dari dompetnya {time}, dia udh kasih liat bukti berhasil sama nomor referensinya, tp di akun gw gak masuk apa2
gw batalin pesanan di {merchant}, katanya refund udh dikirim ke e-wallet {days} lalu, saldo gw gak berubah. kemana ya?
gw tarik saldo {amt} ke rekening {bank}, di app statusnya selesai tp kata bank gak ada dana masuk
`,
  unauthorized_transaction: `
ada transaksi di riwayat yg bukan gw
saldo gw tiba2 ilang semalem
akun gw dipake org buat belanja di {merchant}
ada pembayaran {amt} yg gw gak pernah lakuin
uang di dompet diambil tanpa izin
ada transfer ke nomor yg gak gw kenal
saldo {amt} abis semua, bukan saya yg pake
ada pembelian yg gak pernah saya buat
ada transaksi aneh pas gw lagi tidur
saya tidak pernah melakukan pembayaran ke {merchant} ini
saldo dari {amt} jadi 0, gw gak ngapa2in
siapa yg transaksi ini? bukan saya
banyak potongan kecil2 yg gak gw kenal
akun saya dipakai buat beli voucher game, bukan saya
saldo berkurang sendiri tanpa transaksi dari saya
dapet notif pembayaran padahal gw gak bayar apa2
ada yg make duit gw
transfer {amt} keluar dari akun tanpa sepengetahuan saya
ada transaksi mencurigakan, tolong blokir
saldo kurang {amt}, di riwayat ada bayar ke merchant gak jelas
akun gw kayaknya dibobol, saldo abis
transaksi tengah malem yg bukan gw
tolong batalin transaksi yg bukan saya lakuin
saldo ilang setelah hp gw dipinjem org
ada orang masuk akun saya dan kirim uang
ada pembelian {amt} yg gak dikenal
duit gw dikuras
pembayaran ke toko online yg gak pernah gw datengin
ada potongan saldo tanpa sebab
semua saldo dipindahin keluar {time}
saldo saya raib
kok ada transaksi top up game yg gak gw lakuin
ada tagihan pakai saldo gw yg bukan gw bayar
tiba2 saldo gw minus, ada transaksi asing
min ada yg belanja pake akun gw
ada transaksi yg bukan saya
saldo gw ilang
saldo berkurang sendiri
ada yg pake akun gw
ada pembayaran {amt} yg gw gak tau
transaksi yg gak pernah gw lakuin muncul di riwayat
ada yang ngambil saldo saya
saya gak pernah transaksi ini, tolong dicek
duit di e-wallet gw tiba2 abis
ada transfer keluar yg bukan dari saya
barusan cek riwayat ada {n} pembayaran ke merchant yg gak pernah gw denger, total {amt}. gw gak ngelakuin itu dan gak ada yg pake hp gw
bangun2 dapet notif {amt} terkirim dari dompet gw, padahal gw lagi tidur. gw gak pernah kasih pin ke siapa2. tolong stop dan balikin duit gw
kemarin saldo gw {amt}, hari ini hampir kosong, di riwayat ada transaksi yg gak gw kenal
`,
  account_locked: `
akun gw keblokir, gimana cara bukanya
akun saya ditangguhkan tanpa alasan
kenapa akun gw dibekukan?
akun saya dibatasi, gak bisa transaksi
akun terkunci gara2 salah pin berkali2
gimana cara aktifin lagi akun yg diblokir
akun diblokir sementara, kapan bisa dibuka
akun gw dalam pemeriksaan, gak bisa dipake
harus verifikasi apa biar akun kebuka lagi
akun saya dinonaktifkan, tolong dipulihkan
akun dibekukan, saldo gw ketahan di dalem
syarat buka blokir akun apa aja
akun dibatasi, gak bisa tf gak bisa bayar
muncul tulisan akun anda diblokir, hubungi CS
akun gw ditutup tanpa pemberitahuan
kenapa akun gw dibanned
akun di-suspend dari {time}
berapa lama proses buka blokir akun
udh upgrade data tp akun masih dikunci
akun diblokir permanen? saldo gw {amt} di situ
akun dikunci krn aktivitas mencurigakan katanya
tolong buka blokir akun saya, KTP udh saya kirim
akun kena blokir, duit gw gimana
akun ditangguhkan nunggu verifikasi
akun gak aktif, cara aktifinnya gimana
akun keblokir setelah ganti hp
akun gw terus muncul akun dibekukan
kenapa saldo gw gak bisa dipake, akunnya dibatasi
buka blokir dompet saya dong
verifikasi wajah buat buka blokir ditolak terus
akun gw kena suspend padahal gak ngelanggar apa2
akun gw dikunci, udh nunggu {days}
akunnya dibekuin, saya harus ngapain
mau pulihin akun yg diblokir
status akun: dibatasi. maksudnya apa?
akun diblokir
akun gw dibekukan
akun kena suspend
akun terkunci
akun dibatasi, gmn bukanya
tolong buka blokir akun
akun saya gak bisa dipake karena diblokir
kenapa akun gw dikunci
akun gw kena blokir, saldo masih ada di dalem
gimana caranya buka akun yang dibekukan
pas buka app muncul akun diblokir sementara karena alasan keamanan. gw gak ngapa2in, gimana cara bukanya?
akun gw kena suspend abis salah masukin pin beberapa kali, skrg saldo gak bisa dipake. harus ngapain biar kebuka?
udh upload KTP sama selfie buat aktifin lagi akun yg dibekukan dari {days} lalu tp masih aja dibekukan
`,
  login_problem: `
gak bisa login ke akun
lupa pin, cara resetnya gimana
kode OTP gak masuk2 pas mau login
ganti hp baru, gak bisa masuk akun
sms verifikasi gak dateng
lupa password, link reset gak dikirim
login gagal terus padahal pin bener
abis ganti kartu sim gak bisa masuk
gak bisa masuk, minta kode verifikasi tp gak pernah dateng
cara login kalo nomor lama udh gak aktif
reset pin gak bisa
kode login masuk ke email lama
mentok di halaman login abis masukin otp
katanya pin salah padahal gw yakin bener
otp gak masuk lewat sms maupun wa
lupa pin keamanan
abis uninstall app, gak bisa login lagi
email verifikasi login gak masuk
login di hp baru harus otp, otp nya gak nyampe
cara pulihin akun kalo lupa kata sandi
login gagal terus muncul sesi berakhir
install ulang app, gak bisa lewat verifikasi nomor
otp gak masuk udh coba {n} kali
gw lupa pin nya
fingerprint gak bisa, pin lupa, gimana masuknya
login muncul perangkat tidak terdaftar
cara masuk akun di hp baru gimana ya
otp selalu dibilang tidak valid
kode otp salah terus pas login
gak dapet sms kode pas mau masuk
email reset password gak nyampe
kok gak bisa masuk akun ya kak
mau login disuruh masukin otp, smsnya gak ada
gak inget pin, akun gak bisa dibuka
nomor hp gw ilang, gimana login
gak bisa login
lupa pin
otp gak masuk
gak bisa masuk akun
kode otp gk dateng2
lupa kata sandi
ganti hp gak bisa login
login gagal terus
pin salah terus pas login padahal bener
kode verifikasi gak masuk ke hp
gw beli hp baru terus install app, tp pas login sms otp nya gak pernah dateng. nomornya masih sama kok
udah lama gak pake app jadi lupa pin. pas pilih lupa pin, kodenya dikirim ke email yg udh gak bisa gw buka
tiap login katanya kode salah, padahal langsung gw ketik begitu masuk
`,
  security_setup: `
cara aktifin verifikasi dua langkah gimana
mau ganti pin
gimana biar akun gw lebih aman
bisa pasang kunci sidik jari di app gak
cara hapus perangkat lama dari akun
aman gak nyimpen kartu di dompet digital
cara logout dari semua perangkat
cara ganti pin secara berkala
tips biar dompet digital aman dong
pengaturan perangkat terpercaya dimana ya
otp boleh dikasih ke orang lain gak? cuma nanya
cara aktifin face id buat bayar
bisa kunci aplikasi pake password gak
tips jaga akun dari hacker
seberapa sering harus ganti pin
cara setting 2FA pake aplikasi authenticator
mau keamanan tambahan buat transfer di atas {amt}
cara liat perangkat mana aja yg login ke akun gw
menu ganti pin dimana
bisa wajibin pin tiap bayar gak
cara amanin akun kalo hp sering dipinjem
bisa matiin bayar tanpa pin gak
cara aktifin pertanyaan keamanan
rekomendasi pengaturan biar aman
pin gw tanggal lahir, perlu diganti gak?
cara tambah nomor cadangan buat keamanan
bisa blokir transaksi dari perangkat baru gak
cara paling aman pake e-wallet gimana
gimana cara ganti pin kalo masih inget pin lama
cara aktifin otentikasi dua faktor
biar gak dibobol org harus setting apa aja
pin aplikasi bisa diganti 6 digit yg lain gak
aktifin keamanan biometrik dimana
saran biar akun gak diretas
fitur keamanan apa aja yg ada di aplikasi ini
ganti pin
cara ganti pin
cara amanin akun
aktifin 2fa
biar akun aman gimana
cara pasang sidik jari
fitur keamanan ada apa aja
gimana cara ngelindungin akun gw
cara aktifin verifikasi login
mau ubah pin biar lebih aman
akun temen gw dibobol minggu lalu, jadi gw mau akun gw lebih aman. pengaturan apa aja yg harus diaktifin?
bisa gak nambahin verifikasi tambahan sebelum transfer?
gimana cara liat hp mana aja yg login ke akun gw terus hapus yg udh gak dipake?
`,
  phishing_report: `
dapet sms katanya menang hadiah dari e-wallet disuruh klik link
ada yg nelpon ngaku CS terus minta kode OTP
ini email dari kalian bukan? minta verifikasi akun lewat link
ada nomor WA ngaku CS resmi minta PIN
dapet pesan akun bakal diblokir kalo gak klik link ini
akun IG palsu nawarin cashback asal kirim OTP
ada yg telpon ngaku dari kantor pusat minta bacain kode
gw klik link aneh, itu beneran dari kalian?
lapor min, ada web palsu mirip halaman login
dapet telpon dari "petugas" minta kode verifikasi
ada halaman FB pake logo kalian minta transfer
sms link klaim bonus {amt}, asli gak sih?
ada org di telegram ngaku admin minta pin gw
dapet email suruh update data di website aneh
ditelpon suruh install aplikasi buat "perbaiki akun"
ada yg DM bilang gw menang giveaway, harus bayar biaya admin dulu
nomor {phone} ini nomor resmi bukan? mereka minta otp
penelpon tau nama gw terus minta konfirmasi kode yg dikirim
ada pesan dari "CS Resmi" suruh transfer biar akun kebuka
penipu ngaku dari perusahaan minta PIN saya
mau lapor akun CS palsu
dapet link promo palsu, mau lapor
ada yg ngaku pegawai kalian minta password lewat telpon
sms bilang saldo gw dibekukan dan suruh telpon nomor ini, bener gak?
ada email berisi lampiran dari "tim keamanan", keliatan palsu
ada yg coba nipu pake link refund palsu
ada bapak2 nelpon suruh pindahin saldo ke rekening aman
dapet sms pengembalian pajak lewat e-wallet, kayaknya penipuan
mau laporin nomor penipu yg ngaku CS
kayaknya gw dapet sms phishing hari ini
ada website yg niru halaman login kalian
CS palsu nelponin gw terus
link di sms mirip punya kalian tp alamatnya aneh
hati2 ada penipuan atas nama kalian di grup WA
ada yg minta kode OTP katanya buat hadiah undian
ini penipuan gak?
ada yg minta otp
dapet sms aneh pake link
ada yg ngaku CS minta PIN
website palsu atas nama kalian
ada yg nipu ngaku dari kalian
dapet email aneh soal akun gw, asli gak?
ada org di WA minta kode verifikasi, itu kalian?
ditelpon orang gak dikenal minta pin, kayaknya penipu
mau lapor pesan penipuan
ada bapak2 nelpon ngaku dari bagian keamanan e-wallet, dia tau nama gw terus minta bacain otp katanya buat batalin transaksi mencurigakan. gw tutup. itu kalian bukan?
dapet sms akun gw bakal dinonaktifkan hari ini kalo gak verifikasi di link yg mirip banget sama web kalian. mau lapor
ada akun IG pake logo kalian DM gw nawarin cashback {amt} asal gw kasih pin
`,
  support_unreachable: `
gak bisa ngehubungin CS sama sekali
live chat gak mau kebuka
udh telpon berjam2 gak ada yg angkat
email ke CS udh {days} gak dibales
halaman bantuan error pas kirim laporan
chat sama agen putus2 terus
antri di chat sejam gak ada yg dateng
call center nyuruh nunggu terus
tombol bantuan di app gak berfungsi
form pengaduan error 500
kenapa telpon gak pernah diangkat?
udh kirim email {n} kali gak ada jawaban
chat CS stuck di menghubungkan ke agen
hotline sibuk terus
halaman pusat bantuan gak bisa dibuka
nulis ke CS lewat app gak pernah dibales
gak ada yg respon chat gw
halaman hubungi kami rusak
CS gak respon udh {days}
susah banget ngehubungin CS
nunggu balesan CS kelamaan
dibales otomatis doang, abis itu gak ada apa2
jendela chat kosong pas dibuka
telpon CS katanya nomor tidak aktif
udh {days} nunggu ditelpon balik gak ada
web helpdesk gak bisa dibuka di hp
live chat selalu bilang agen tidak tersedia
mention di twitter juga gak dibales
CS gak bisa dihubungi, ada apa sih
kirim tiket gagal terus
chat WA resmi cuma centang satu
chat CS ketutup sendiri sebelum dijawab
nomor antrian chat gak gerak2
CS kalian kemana sih, gak ada yg jawab
email CS cuma dibales robot
cs gak bisa dihubungi
gak ada yg bales
chat gak dibales
dari pagi nyoba hubungin cs gak bisa
chat cs gak jalan
call center gak pernah angkat
email udh {days} gak dibales
cs gak respon sama sekali
susah bgt nyambung ke cs
chat bantuan loading terus
udh {days} nyoba hubungin CS, di chat katanya agen bakal masuk tp gak pernah ada yg masuk, telpon juga sibuk terus
udh kirim email ke CS soal masalah gw dari {days} lalu, gak ada balesan sama sekali, balesan otomatis aja gak ada
halaman bantuan di app error tiap mau bikin tiket, jadi gw gak bisa lapor masalah
`,
  app_problem: `
aplikasinya force close terus pas dibuka
app nge-freeze di loading
tiap buka app muncul pesan error
app gak bisa dibuka abis update
layar app putih doang
webnya gak bisa dipake di browser
app nutup sendiri pas pencet bayar
di beranda muncul terjadi kesalahan
gak bisa update app dari play store
aplikasinya lemot banget
abis update app gak bisa jalan sama sekali
app udh gak support hp gw katanya
layar kosong di iphone
tiap buka riwayat app nya crash
app keluar sendiri di android {n}
versi web gak kebuka di chrome
app minta update terus padahal gak ada update
app hang pas scan qr
app error terus muncul coba lagi nanti
nyangkut di logo pas buka app
tombol di app gak bisa dipencet
app crash pas lagi transaksi
scanner qr nya layar item
ikon app ilang abis update
app gak bisa nampilin riwayat transaksi
kamera di app gak jalan buat verifikasi
app gak bisa diinstal, katanya memori penuh padahal lega
bahasa di app keganti dan gak bisa diubah
app lama banget loadingnya
aplikasi error kode 503
app ngelag parah pas buka promo
aplikasi blank abis login
website kalian muter2 terus gak kebuka
app sering keluar sendiri
aplikasinya bermasalah dari semalem di hp gw
aplikasi error
app gak bisa dibuka
app crash
aplikasi lemot
app ngehang
aplikasi gak jalan abis update
app keluar sendiri
error terus di app
web gak bisa dibuka
app loading terus gak selesai
sejak update terakhir app nya force close tiap buka menu transfer. udh install ulang sama restart hp
app nya nyangkut di loading dari {time}, app temen gw lancar jadi kayaknya cuma di gw
di website halaman bayarnya kosong di chrome sama firefox, cache udh gw hapus
`,
  service_status: `
lagi down ya?
hari ini ada gangguan gak?
lagi maintenance kah?
yg lain ngalamin juga gak atau cuma gw?
layanan transfer lagi gangguan ya skrg?
malam ini ada maintenance gak?
sistem lagi error ya sekarang
pembayaran lagi down?
server lagi bermasalah hari ini?
maintenance selesai jam berapa
topup via {bank} lagi gangguan kah
kayaknya semua layanan mati, bener gak?
kalian tau gak lagi ada gangguan?
app down buat semua org ya?
bayar pake QR lagi bisa gak skrg
jadwal maintenance berikutnya kapan
layanan udh normal lagi?
ada downtime weekend ini?
ada kendala sistem skrg?
status sistem gimana? semua gak jalan
transfer lagi lambat ya hari ini krn gangguan?
dompetnya lagi offline?
maintenance masih berlangsung?
pembayaran {bill} lagi bisa gak sekarang
server down lagi?
jaringan lagi gangguan ya hari ini
penarikan saldo lagi gangguan gak skrg
hari ini semua normal kan?
gangguannya di jakarta aja atau semua?
gangguan sampe kapan
websitenya lagi down?
lagi ada perbaikan sistem ya min?
semua fitur error, lagi gangguan massal?
kapan layanan pulih?
layanan {bank} lagi bermasalah ya?
lagi gangguan?
aplikasinya lagi down?
sistem lagi error?
lagi maintenance?
server down ya
layanan lagi normal gak
ada masalah sistem hari ini?
lagi ada gangguan massal?
transfer lagi gangguan?
semua layanan lagi mati?
semua gak jalan, transfer sama bayar dua2nya gagal. lagi ada gangguan atau akun gw yg bermasalah?
liat org2 pada ngeluh di twitter katanya e-walletnya down, beneran? kapan normal lagi?
lagi maintenance ya? di app tulisannya layanan sementara tidak tersedia
`,
  contact_channels: `
nomor telpon CS berapa?
cara hubungin CS gimana?
ada email buat pengaduan gak?
ada nomor WA resmi?
akun IG resminya apa?
chat sama CS dimana?
ada forum komunitas gak?
cara ngehubungin kalian selain lewat app?
minta nomor call center dong
email support apa ya?
ada live chat di website?
ada akun twitter buat bantuan?
nomor hotline nya berapa
bisa hubungin lewat facebook?
ada nomor yg bisa ditelpon?
info kontak dimana ya
email resmi CS apa
cara kontak cs
ada channel telegram gak
dimana bisa ngobrol sama tim kalian
ada tiktok atau youtube resmi buat info?
kontak tim fraud berapa?
nomor {phone} beneran punya kalian?
gimana caranya menghubungi kalian
fitur chat nya dimana
cara kirim email ke kalian
list sosmed resmi kalian dong
channel mana yg paling cepet buat ngehubungin?
kalo mau telpon CS nomornya apa
alamat email bantuan apa
kalian bisa dihubungi lewat mana aja
minta kontak CS yg bisa dihubungi
ada live chat 24 jam gak, link nya mana
mau nanya langsung, kontaknya apa
WA CS berapa kak
nomor cs?
cara hubungin kalian
minta nomor cs
email kalian apa
cara kontak customer service
nomor yg bisa ditelpon apa
hubungin cs dimana
ada wa gak
alamat email cs?
akun sosmed resmi?
gw gak bisa pake chat karena masalah gw, ada nomor telpon atau email CS yg bisa dihubungi?
kontak resmi kalian apa aja? biar gw gak ketipu akun palsu
`,
  service_hours: `
CS buka 24 jam gak?
jam operasional CS jam berapa?
CS buka hari sabtu minggu?
tanggal merah CS buka gak?
CS buka jam berapa?
bisa hubungin CS malem2 gak?
live chat 24/7 kah?
telpon hotline bisa sampe jam berapa?
hari minggu CS kerja gak?
pas lebaran CS ada gak?
agen mulai kerja jam berapa?
call center buka pas natal?
CS tutup jam berapa?
jam 2 pagi bisa hubungin CS gak?
jam kerja CS kapan aja ya
sabtu ada agen online gak?
email dibales pas weekend gak?
jam kerja tim support kapan
jadwal CS pas libur panjang gimana?
jam segini CS masih ada gak?
hari ini CS tutup jam berapa?
chat bisa di luar jam kantor?
hari apa aja hotline bisa ditelpon?
agen kerja 24 jam atau jam kantor aja?
kapan bisa ngobrol sama agen? jam berapa?
telpon CS bisa malem gak?
ada CS weekend buat masalah urgent?
jam layanan buat merchant kapan?
libur panjang CS tetep buka?
besok bisa chat CS mulai jam berapa?
pas idul fitri CS buka gak
CS libur gak hari ini
jam berapa CS paling sepi biar cepet dilayani
CS online sampe malem gak ya
hari libur nasional ada yg jaga CS?
jam cs?
cs buka skrg?
cs buka 24 jam?
cs buka jam brp
minggu buka gak
cs buka pas libur?
jam kerja cs
cs ada malem gak
sabtu bisa telpon?
jam buka?
masalah gw kejadian malem, ada CS yg standby di luar jam kantor atau harus nunggu pagi?
minggu depan libur panjang, agen tetep kerja atau CS tutup?
`,
  human_agent: `
mau ngomong sama orang beneran
sambungin ke CS manusia dong
bisa ngobrol sama agen?
gak mau bot, mau agen langsung
alihkan ke petugas CS
mau chat sama CS asli
ada manusia yg bisa diajak chat?
stop balesan otomatis, gw butuh orang
agen please
operator!
mau ngomong sama orang, bukan robot
manusia dong min
tolong sambungkan ke agen
bisa orang beneran yg tanganin masalah gw?
botnya gak ngerti, panggilin agen
mau bicara dengan perwakilan CS
mau live chat sama orang asli
sambungkan ke CS langsung
bisa dioper ke operator?
saya ingin berbicara dengan petugas layanan pelanggan
kamu bot ya? mau sama orang aja
butuh bantuan manusia
tolong eskalasi chat ini ke agen
mau chat sama staf
hubungkan sama agen sekarang
ada orang gak sih di sini?
panggilin orang yg bisa bantu
asisten ini gak guna, minta agen manusia
live agent
tolong CS asli yg bales
lebih enak ngobrol sama manusia
sambungin ke tim kalian
ganti ke agen
minta dihubungin sama CS beneran
bot mulu, mana orangnya
cs manusia
agen dong
mau ngomong sama orang
ngobrol sama cs asli
bisa ngomong sama seseorang?
agen
orang beneran dong
mau live agent
sambungin ke agen
butuh manusia
jawaban otomatisnya gak nyelesain masalah, tolong sambungin ke agen
bisa dihubungin sama staf kalian? butuh orang yg bisa ngecek transaksi gw
udh 3 kali jelasin ke bot ini. gw mau sama manusia sekarang
`,
  complaint: `
mau ajuin komplain resmi
ini gak bisa diterima, mau eskalasi
saya bakal lapor ke OJK
cara ngajuin pengaduan soal layanan kalian gimana?
saya bakal bawa masalah ini ke bank indonesia
mau komplain soal agen yg ngelayanin saya
saya minta bicara sama atasan soal ini
pelayanan kalian parah, saya mau komplain resmi
saya ajuin sengketa ke lembaga perlindungan konsumen
mau eskalasi kasus ke supervisor
saya laporin ke ombudsman
ini udh ketiga kalinya, saya eskalasi ke regulator
dimana bisa ajuin pengaduan
gak puas sama penyelesaiannya, mau banding
saya bakal tempuh jalur hukum kalo gak beres
pengaduan resmi: uang saya hilang karena sistem kalian
tolong catat komplain saya
CS kalian kasar, saya mau komplain
cara eskalasi ke manajemen gimana
saya viralin di sosmed sama lapor YLKI
komplain soal penutupan akun yg gak adil
saya mau sanggah keputusan atas kasus saya
mau ngadu soal pelayanan buruk
tolong daftarin pengaduan saya secara resmi
perusahaan kalian saya laporin ke pihak berwajib
komplain soal antrian yg lama banget
tolong eskalasi, udh kelamaan
ajuin pengaduan ke otoritas jasa keuangan
komplain ke siapa kalo pengalaman buruk
minta prosedur pengaduan
kecewa berat, mau komplain resmi
saya bawa ke BPSK kalo gak diberesin
gw mau komplen keras soal ini
layanan kalian mengecewakan, tolong teruskan keluhan saya ke atasan
saya keberatan dan minta kasus ini ditinjau ulang
mau komplain
komplain
mau ajuin pengaduan
saya laporin kalian
mau bikin pengaduan
eskalasi komplain saya
cara komplain
mau lapor ke ojk
saya ajukan komplain resmi
pelayanan jelek, mau komplain resmi
udh lapor masalah yg sama {n} kali dan gak ada yg beresin. saya mau ajukan komplain resmi dan eskalasi ke manajemen
kalo duit saya gak balik minggu ini saya ajukan pengaduan ke OJK dan BPKN
mau komplain soal agen yg ngelayanin gw di telpon, kasar dan nutup telpon gitu aja
`,
  update_account_info: `
cara ganti nomor hp yg terdaftar gimana?
mau update alamat email
nama di akun salah ketik, gimana benerinnya
cara ganti alamat di profil
gw ganti nomor, perlu update di dompet
tolong update tanggal lahir saya
cara ganti email yg terhubung ke akun
abis nikah mau ganti nama
bisa ganti nomor hp tanpa sim lama gak
edit data profil dimana
mau update nomor KTP
cara ganti email terdaftar
ganti alamat rumah
cara ganti username
mau perbarui data pribadi
nomor lama udh mati, gimana ganti ke nomor baru
cara benerin tanggal lahir
bisa ganti nama di akun?
update nomor hp buat akun e-wallet
email di akun gw salah
pindah kota, cara update alamat gimana
perlu ubah data KTP
ganti nomor hp terdaftar
nama belakang gw salah di app
ganti email akun ke yg baru
cara update NPWP di profil
mau ganti nomor yg terhubung ke nomor baru
bisa ubah jenis kelamin di profil?
ganti data diri dimana
ubah nama akun biar sama kayak KTP
update data butuh waktu berapa lama
salah masukin nama ibu kandung, bisa diubah?
mau ubah email soalnya email lama udh gak kepake
nomor hp di akun masih nomor lama, mau diganti
ubah data profil gak bisa disimpan
ganti nomor hp
ganti email
ubah nama
cara ganti nomor
mau ganti alamat email
ubah alamat
update profil
cara ubah nama
ganti nomor terdaftar
cara update data diri
sim lama gw ilang dan udh ganti nomor baru. gimana ganti nomor hp di akun kalo sms ke nomor lama gak bisa diterima?
nama di akun gak sama kayak di KTP, ada salah huruf. cara benerinnya gimana?
mau ganti email yg terhubung ke akun soalnya email lama udh gak dipake
`,
  case_followup: `
ada update soal tiket gw?
udh lapor {days} lalu, statusnya gimana?
komplain saya gimana kabarnya?
nomor tiket {ticket}, ada kabar?
masih nunggu jawaban soal tiket saya
tolong cek progres laporan saya
udh seminggu buka laporan, gak ada kabar
follow up komplain sebelumnya
masalah gw udh beres belum?
katanya dikabarin 3 hari, udh {days}
status tiket {ticket}?
udh dilaporin, kapan dibenerin?
ngecek kasus saya minggu lalu
dijanjiin update, sampe skrg gak ada
ada yg nanganin tiket gw gak?
status pengajuan refund saya gimana?
follow up {ticket}
investigasinya berapa lama lagi?
komplain gw dari {time}, ada perkembangan?
udh laporin tf gagal, ada update?
masih nunggu hasil sanggahan saya
tolong kabarin perkembangan kasus saya
kenapa tiket gw masih open udh {days}?
ada kabar soal kasus saya?
cuma mau nanya ada update gak
katanya kasus gw dieskalasi, udh belum?
tolong kasih update laporan gw
kasus gw masih diproses udh sebulan
pengingat: tiket {ticket} blm selesai
timnya udh ngecek masalah gw belum
kapan dapet jawaban soal kasus saya
komplain gw nasibnya gimana?
laporan gw kemarin udh ditindaklanjuti?
udh nunggu kabar dari tim kalian, gimana hasilnya
tiket saya kok gak ada perkembangan
ada update?
status tiket saya
tiket gw gimana?
laporan gw gimana
ada kabar soal kasus gw
masih nunggu update
tolong update komplain saya
progres tiket gw gimana
udh {days}, ada update kasus saya?
follow up tiket
gw lapor transfer gagal {days} lalu dapet tiket {ticket}. sampe skrg gak ada yg ngehubungin. statusnya gimana?
kata agen kasus gw beres dalam 3 hari kerja. udh lebih dari seminggu, ada update?
mau follow up komplain gw minggu lalu, udh ada yg ngecek belum?
`,
  out_of_scope: `
cuaca jakarta besok gimana?
ceritain lelucon dong
semalem yg menang bola siapa?
rekomendasi tempat makan enak di bandung
cara masak nasi goreng
ibu kota australia apa?
tiket pesawat ke bali berapa?
terjemahin selamat pagi ke bahasa jepang
hp bagus di bawah 3 juta apa?
cara cepet turun berat badan
presiden prancis siapa
film apa yg bagus ditonton malem ini
bantuin PR matematika dong
harga emas hari ini berapa
cara bikin kartu kredit di bank lain
aku sayang kamu
jam berapa sekarang di new york
cara benerin router wifi
rekomendasiin lagu dong
hari ini hujan gak ya?
ceritain sejarah majapahit
cara bikin kopi tubruk
harga bitcoin skrg berapa
laptop bagus buat kuliah apa
cara bikin visa jepang
selamat malam
kucing gw gak mau makan, kenapa ya
beli sepatu murah dimana
warna kesukaan kamu apa?
cara belajar bahasa inggris cepet
gejala demam berdarah apa aja
cara nanem cabe di rumah
kamu bisa nyanyi gak?
resep rendang padang
klub bola terbaik di eropa apa
halo
apa kabar
lagi apa
makasih ya
kamu siapa
arti hidup apa
suka musik gak
oke
nama kamu siapa
mantap
rekomendasi tempat liburan di jogja yg cocok buat anak2 dong
bedanya virus sama bakteri apa ya
bantuin bikin pesan ke bos buat izin cuti dong
`,
};
