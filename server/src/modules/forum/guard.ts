// The forum's guards against the scams that follow every wallet's support channels: fake "customer service" phone
// numbers and links, requests for OTP/PIN codes, link spam from fresh accounts, the same text pasted again and
// again. A post that trips one is held for a moderator with the reasons named; it is never silently published.
import { normalisePhone } from '../identity/service.js';

export type GuardFlag = 'phone_number' | 'unofficial_link' | 'asks_for_secret' | 'new_account_link' | 'repeated_content';

export interface OfficialChannels {
  /** Hosts whose links are ours (subdomains included). */
  domains: string[];
  /** Phone numbers staff may publish, in any format (compared in canonical +62… form). */
  phones: string[];
}

export interface Inspection {
  flags: GuardFlag[];
  phones: string[];
  links: string[];
}

// A phone number as scammers write one: +62 / 62 / 0 / +86 / a Chinese mobile, with spaces, dots or dashes; or a
// short "hotline" like 1500-888 or 14045. Dates (2026-11-20), amounts (Rp200.000) and references (TX-1001) do not match.
const PHONE = /(?<![\w+])(?:\+\s?\d{1,3}[\s.-]?|0)\d{2,4}(?:[\s.-]?\d{2,5}){2,4}(?!\w)|(?<![\w+-])1[3-9]\d(?:[\s-]?\d{4}){2}(?!\w)|(?<![\w+-])(?:14\d{3}|1500[\s.-]?\d{3,4})(?![\w-])/g;
const URL_LIKE = /\bhttps?:\/\/[^\s<>"')\]]+|\bwww\.[^\s<>"')\]]+|\b(?:[a-z0-9-]+\.)+(?:com|net|org|id|co|me|ly|xyz|info|app|link|site|online|top|cn|io|biz|shop|click|vip|cc|tk|gl|to)(?:\/[^\s<>"')\]]*)?/gi;
const SECRET = /\b(otp|pin|password|passcode|kata\s?sandi|sandi|kode\s?(?:verifikasi|otp|rahasia)|cvv)\b|验证码|动态码|支付密码|密码|校验码/i;
// Warnings ("never share your OTP") are what we want people to write; they are not requests.
const NEGATION = /\b(never|don'?t|do\s+not|jangan|tidak\s+pernah|tak\s+pernah|bukan)\b|不要|别|切勿|绝不|从不|不会/i;
const ASK = /\b(send|share|give|tell|dm|inbox|whatsapp|wa|text|reply\s+with|kirim(?:kan)?|bagikan|berikan|kasih|sebutkan|infokan|japri)\b|发给|发送|告诉|提供|私信|私聊|加微信/i;

/** The host a link or bare domain points at, lower-cased ("https://WWW.Example.com/x" → "www.example.com"). */
export function hostOf(link: string): string | undefined {
  try {
    return new URL(/^https?:\/\//i.test(link) ? link : `https://${link}`).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/** A host that is one of `domains` or under one (a subdomain); "www." is not part of a domain's name. */
export const isOfficialHost = (host: string, domains: string[]) => {
  const bare = host.replace(/^www\./, '');
  return domains.some((d) => bare === d || bare.endsWith(`.${d}`));
};
/** The phone numbers written in a text, as written (five digits at least). */
export const phonesIn = (text: string) => [...text.matchAll(PHONE)].map((m) => m[0].trim()).filter((p) => p.replace(/\D/g, '').length >= 5);
/** The links and bare domains in a text, without the sentence's trailing punctuation. */
export const linksIn = (text: string) => [...text.matchAll(URL_LIKE)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));

/** What is risky in a text: phone numbers and links that are not official, and requests for secret codes. */
export function inspectText(text: string, official: OfficialChannels): Inspection {
  const flags = new Set<GuardFlag>();
  const officialPhones = new Set(official.phones.map(normalisePhone));
  const domains = official.domains.map((d) => d.toLowerCase().replace(/^www\./, ''));
  const unofficialPhones = phonesIn(text).filter((p) => !officialPhones.has(normalisePhone(p)));
  if (unofficialPhones.length) flags.add('phone_number');
  const unofficialLinks = linksIn(text).filter((l) => {
    const host = hostOf(l);
    return !host || !isOfficialHost(host, domains);
  });
  if (unofficialLinks.length) flags.add('unofficial_link');
  // A secret word and a request in the same sentence: "kirim kode OTP ke WA saya", "把验证码发给我".
  for (const sentence of text.split(/[.!?。！？\n]+/)) {
    if (SECRET.test(sentence) && ASK.test(sentence) && !NEGATION.test(sentence)) {
      flags.add('asks_for_secret');
      break;
    }
  }
  return { flags: [...flags], phones: unofficialPhones, links: unofficialLinks };
}

export const hasAnyLink = (text: string) => new RegExp(URL_LIKE.source, 'i').test(text);

/** Whitespace and case do not make a pasted text new. */
export const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();
