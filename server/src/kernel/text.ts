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
