// The wallet's own vocabulary: "gopay123" or "dompetku2024" are among the first guesses against a wallet account.
export const WALLET_WORDS = ['gopay', 'dompet', 'saldo', 'wallet', 'sapa', 'dana', 'ovo', 'qris', 'rupiah', 'gojek', 'shopeepay', 'linkaja'];
