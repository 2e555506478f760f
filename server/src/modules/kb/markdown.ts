// Markdown to safe HTML for articles (staff-written) and forum posts (anyone's). marked does the parsing,
// sanitize-html an allow-list, so whatever an author or an attacker types, only these tags and attributes and
// only http(s)/mailto/tel links reach a page.
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { stripMarkdown } from './search-text.js';

const marked = new Marked({ gfm: true, breaks: false, async: false });
// Forum posts are typed in a plain textarea: a single newline is meant as a line break.
const markedUgc = new Marked({ gfm: true, breaks: true, async: false });

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*(#[\w-]+)?$/;

export interface RenderOptions {
  /** Where a bare article slug link (`[x](check-your-connection)`) points: `/help/en/articles/`. */
  articleBase: string;
  /** Someone else's content (forum): fewer tags, no images, links marked nofollow/ugc. */
  ugc?: boolean;
  /** Show links as plain text (held posts shown to moderators must not be one click from a phishing site). */
  linksAsText?: boolean;
  /** Hosts whose links are ours (no nofollow). */
  ownHosts?: readonly string[];
}

const articleTags = ['h2', 'h3', 'h4', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img'];
const ugcTags = ['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'a'];

export function headingId(text: string): string {
  const id = text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return id || 'section';
}

/** The host of an absolute http(s) link; undefined for relative and other links. */
function hostOf(href: string): string | undefined {
  if (!/^https?:\/\//i.test(href)) return undefined;
  try {
    return new URL(href).host.toLowerCase();
  } catch {
    return undefined;
  }
}

export function renderMarkdown(markdown: string, options: RenderOptions): string {
  const raw = (options.ugc ? markedUgc : marked).parse(markdown) as string;
  const usedIds = new Map<string, number>();
  return sanitizeHtml(raw, {
    allowedTags: options.ugc ? ugcTags : articleTags,
    allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title', 'width', 'height', 'loading'], th: ['align'], td: ['align'], h2: ['id'], h3: ['id'], h4: ['id'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['https', 'data'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'escape',
    // The page has its own h1: an article's headings start one level below it.
    transformTags: {
      h1: 'h2',
      h5: 'h4',
      h6: 'h4',
      a: (tagName, attribs) => {
        let href = attribs.href ?? '';
        if (SLUG.test(href)) href = options.articleBase + href;
        const host = hostOf(href);
        const external = host !== undefined && !(options.ownHosts ?? []).includes(host);
        const rel = external ? (options.ugc ? 'nofollow ugc noopener noreferrer' : 'noopener noreferrer') : undefined;
        return { tagName, attribs: { href, ...(attribs.title ? { title: attribs.title } : {}), ...(rel ? { rel } : {}) } };
      },
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
    },
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript'],
  })
    .replace(/<h([234])>([\s\S]*?)<\/h\1>/g, (_m, level: string, inner: string) => {
      // Stable ids on headings let help pages and agents link to a section.
      let id = headingId(inner);
      const n = usedIds.get(id) ?? 0;
      usedIds.set(id, n + 1);
      if (n) id = `${id}-${n + 1}`;
      return `<h${level} id="${id}">${inner}</h${level}>`;
    })
    .replace(/<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (m, href: string, inner: string) =>
      options.linksAsText ? `<span class="link-text">${inner}${inner === href ? '' : ` (${href})`}</span>` : m,
    );
}

export interface FaqEntry {
  question: string;
  answer: string;
}

/**
 * The questions an article answers, when it is written as an FAQ: second-level headings that end with a question
 * mark, each answered by the text up to the next heading. Fewer than two: not an FAQ.
 */
export function faqEntries(markdown: string): FaqEntry[] {
  const tokens = marked.lexer(markdown);
  const entries: FaqEntry[] = [];
  let current: { question: string; parts: string[] } | undefined;
  const flush = () => {
    if (current) {
      const answer = stripMarkdown(current.parts.join('\n\n')).trim();
      if (answer) entries.push({ question: current.question, answer });
    }
    current = undefined;
  };
  for (const token of tokens) {
    if (token.type === 'heading') {
      const h = token as Tokens.Heading;
      if (h.depth <= 3) {
        flush();
        const text = stripMarkdown(h.text).trim();
        if (/[?？]$/.test(text)) current = { question: text, parts: [] };
        continue;
      }
    }
    current?.parts.push(token.raw);
  }
  flush();
  return entries.length >= 2 ? entries : [];
}
