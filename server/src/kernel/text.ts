/**
 * The text a person would see if this were rendered as HTML: scripts, styles and tags removed. Sapa stores what
 * was sent and escapes it when showing it; this is only used to refuse messages that carry no text at all
 * (a body that is nothing but markup, such as an injected <script>).
 */
export function visibleText(s: string): string {
  return s
    .replace(/<(script|style|template|iframe|object)\b[\s\S]*?(<\/\1\s*>|$)/gi, '')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .trim();
}

// What PostgreSQL's text cannot hold: NUL, and UTF-16 surrogates without their other half (a cut emoji).
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** The path (`message.body`, `tags.2`; '' for the value itself) of the first string in `value` that cannot be stored. */
export function unstorableField(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path.join('.') : undefined;
  if (!value || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (UNSTORABLE.test(key)) return [...path, '(key)'].join('.');
    const found = unstorableField(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** Text from a channel that cannot refuse it (a webhook, an email): NUL dropped, a lone surrogate shown as U+FFFD. */
export function storableText(s: string): string {
  return UNSTORABLE.test(s) ? s.replace(UNSTORABLE_ALL, (c) => (c === '\u0000' ? '' : '\ufffd')) : s;
}

/** At most `max` UTF-16 units of `s`, never ending in half of an emoji (a surrogate pair), which PostgreSQL refuses. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  return s.slice(0, /[\ud800-\udbff]/.test(s[max - 1]) ? max - 1 : max);
}
