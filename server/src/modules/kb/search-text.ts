// Plain text from Markdown, and highlighted snippets of it. Snippets are HTML: every character of
// article text is escaped and only our own <mark> tags are added, so a body containing markup can
// never inject it into a results page.
import { analyzeWord, hasHan, NEGATIONS, WORD, type Locale } from './search-analyze.js';

const ENDS_SENTENCE = /[.!?。！？:：;；]$/;

/**
 * Markdown to one line of plain text. Raw HTML is kept as literal text (it is escaped when shown);
 * headings and list items are joined with a middle dot so a snippet does not run them together.
 */
export function stripMarkdown(md: string): string {
  const parts: string[] = [];
  let inFence = false;
  for (const raw of md.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      continue;
    }
    let line = raw;
    if (!inFence) {
      line = line
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/^\s*([-*+]|\d+[.)])\s+(\[[ xX]\]\s+)?/, '')
        .replace(/^\s*([-*_]\s*){3,}$/, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
        .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
        .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*/g, '$1$2')
        .replace(/`([^`]+)`/g, '$1')
        .replace(/^\s*\|/, '')
        .replace(/\|\s*$/, '')
        .replace(/\s*\|\s*/g, ' · ')
        .replace(/^\s*:?-{3,}:?(\s*·\s*:?-{3,}:?)*\s*$/, '');
    }
    line = line.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    const prev = parts[parts.length - 1];
    if (prev !== undefined && !ENDS_SENTENCE.test(prev)) parts.push('·');
    parts.push(line);
  }
  return parts.join(' ');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Span = [start: number, end: number, term: string];

/** Where in `text` the matched index terms occur. */
function findSpans(text: string, matched: ReadonlySet<string>, locale: Locale): Span[] {
  const spans: Span[] = [];
  // A lone Han character inside a longer word (钱 in 钱包) is noise; mark it only when nothing longer matched.
  let han = [...matched].filter((t) => hasHan(t));
  if (han.some((t) => t.length > 1)) han = han.filter((t) => t.length > 1);
  // Latin words: analyse each word as the index did and keep those whose terms matched.
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    // Lower case is all the normalisation a single word of article text needs here.
    const terms = analyzeWord(w.toLowerCase(), locale);
    for (const t of terms) {
      // Negations match nearly every article; marking each "no" and "never" helps nobody.
      if (matched.has(t) && !NEGATIONS.has(t)) {
        spans.push([m.index, m.index + w.length, t]);
        break;
      }
    }
  }
  // Han terms: exact occurrences, longest first so 充值失败 wins over 充值.
  han.sort((a, b) => b.length - a.length);
  for (const t of han) {
    for (let i = text.indexOf(t); i !== -1; i = text.indexOf(t, i + t.length)) spans.push([i, i + t.length, t]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  // Merge overlaps (a bigram inside a longer word, adjacent bigrams of one phrase).
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) {
      if (s[1] > last[1]) last[1] = s[1];
    } else merged.push([s[0], s[1], s[2]]);
    if (merged.length >= 400) break;
  }
  return merged;
}

/** Window of about `size` characters with the most distinct matched terms (one sliding pass). */
function bestWindow(text: string, spans: Span[], size: number): [number, number] {
  const inWindow = new Map<string, number>();
  let best = 0;
  let bestScore = -1;
  let total = 0;
  let j = 0;
  for (let i = 0; i < spans.length; i++) {
    const start = Math.max(0, spans[i]![0] - Math.floor(size / 8));
    const end = start + size;
    for (; j < spans.length && spans[j]![1] <= end; j++) {
      const t = spans[j]![2];
      inWindow.set(t, (inWindow.get(t) ?? 0) + 1);
      total++;
    }
    const score = inWindow.size + 0.1 * total;
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
    if (j > i) {
      // Span i leaves the window before the next one starts it.
      const t = spans[i]![2];
      const n = inWindow.get(t)! - 1;
      if (n) inWindow.set(t, n);
      else inWindow.delete(t);
      total--;
    } else j = i + 1;
  }
  return [best, Math.min(text.length, best + size)];
}

/** Move a cut point to a word boundary so a snippet never starts or ends inside a Latin word. */
function snapStart(text: string, i: number): number {
  if (i <= 0) return 0;
  let j = i;
  while (j > 0 && j > i - 20 && /[\p{L}\p{N}]/u.test(text[j - 1]!) && !hasHan(text[j - 1]!)) j--;
  return j;
}
function snapEnd(text: string, i: number): number {
  if (i >= text.length) return text.length;
  let j = i;
  while (j < text.length && j < i + 20 && /[\p{L}\p{N}]/u.test(text[j]!) && !hasHan(text[j]!)) j++;
  return j;
}

/**
 * An HTML snippet of about `size` characters around the passage that best matches, with `<mark>`
 * around matched words. `matched` holds index terms (as the analyser produced them).
 */
export function makeSnippet(text: string, matched: ReadonlySet<string>, locale: Locale, size = 160): string {
  const spans = matched.size ? findSpans(text, matched, locale) : [];
  let [start, end] = spans.length ? bestWindow(text, spans, size) : [0, Math.min(text.length, size)];
  start = snapStart(text, start);
  end = snapEnd(text, end);
  let out = start > 0 ? '…' : '';
  let pos = start;
  for (const [s, e] of spans) {
    if (e <= start || s >= end) continue;
    const a = Math.max(s, start);
    const b = Math.min(e, end);
    out += escapeHtml(text.slice(pos, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
    pos = b;
  }
  out += escapeHtml(text.slice(pos, end));
  if (end < text.length) out += '…';
  return out.trim();
}
