import { createHash } from 'node:crypto';
import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { canonicalTimeZone, t, type Locale } from '../../kernel/i18n.js';
import { getCustomer } from '../identity/service.js';
import { caseHistory, getCase, presentMessages } from './service.js';
import * as store from './store.js';
import { attachmentView, caseShownTo, caseView, historyShownTo, messageShownTo, type AttachmentView, type CaseView, type MessageView } from './views.js';

export interface Transcript {
  generatedAt: string;
  /** The IANA zone the HTML page shows times in (the ISO timestamps here stay UTC). */
  timeZone: string;
  case: CaseView;
  customer: { id: string; name: string; email: string | null; phone: string | null } | null;
  device: Record<string, unknown> | null;
  messages: MessageView[];
  attachments: AttachmentView[];
  statusHistory: { type: string; from: string | null; to: string | null; actor: string; at: string }[];
  /** SHA-256 over the messages and attachment digests: lets the customer show the record was not altered. */
  digest: string;
}

/**
 * The zone a transcript is read in: the one asked for, else the one the customer's device reported with the case
 * (the widget stores `Asia/Jakarta (UTC+07:00)`, other clients the bare name), else the desk's SAPA_TIMEZONE.
 */
function transcriptTimeZone(requested: string | undefined, device: Record<string, unknown> | null, deskZone: string): string {
  const reported = typeof device?.timeZone === 'string' ? device.timeZone.trim().split(/\s/)[0] : undefined;
  return canonicalTimeZone(requested) ?? canonicalTimeZone(reported) ?? canonicalTimeZone(deskZone) ?? 'UTC';
}

/** The complete record of a case as its owner (or an agent) may see it: the evidence a customer can keep. */
export async function buildTranscript(desk: Desk, p: Principal, caseId: string, timeZone?: string): Promise<Transcript> {
  const row = await getCase(desk, p, caseId);
  const device = (row.device as Record<string, unknown> | null) ?? null;
  const all = [];
  for (let after = 0; ; ) {
    const page = await store.listMessages(desk.db, caseId, after, 500, p.kind === 'agent');
    all.push(...page);
    if (page.length < 500) break;
    after = page[page.length - 1].seq;
  }
  const messages = (await presentMessages(desk, all)).map((m) => messageShownTo(p, m));
  const visibleIds = new Set(all.map((m) => m.id));
  const attachments = (await store.caseAttachments(desk.db, caseId)).filter((a) => a.messageId && visibleIds.has(a.messageId)).map(attachmentView);
  const history = (await caseHistory(desk, caseId)).filter((e) => historyShownTo(p, e.type));
  const customer = row.customerId ? await getCustomer(desk, row.customerId) : undefined;
  const digest = createHash('sha256')
    .update(JSON.stringify(messages.map((m) => [m.seq, m.author.kind, m.body, m.createdAt, m.attachments.map((a) => a.sha256)])))
    .digest('hex');
  return {
    generatedAt: new Date().toISOString(),
    timeZone: transcriptTimeZone(timeZone, device, desk.config.SAPA_TIMEZONE),
    case: caseShownTo(p, caseView(row)),
    customer: customer ? { id: customer.id, name: customer.name, email: customer.email, phone: customer.phone } : null,
    device,
    messages,
    attachments,
    statusHistory: history.map((e) => ({ type: e.type, from: e.fromValue, to: e.toValue, actor: e.actorKind, at: e.createdAt.toISOString() })),
    digest,
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * `2026-03-01 10:04:05 UTC+07:00`: the wall-clock time in `timeZone` with the offset in force at that moment, so
 * the instant stays unambiguous on paper (across daylight-saving changes too).
 */
export function zonedTimeFormatter(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  });
  return (iso) => {
    const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
    for (const part of format.formatToParts(new Date(iso))) p[part.type] = part.value;
    const offset = (p.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} UTC${offset}`;
  };
}

/** A self-contained, printable HTML page (no scripts, no external assets). Times in `tr.timeZone`, named. */
export function transcriptHtml(tr: Transcript, locale: Locale): string {
  const when = zonedTimeFormatter(tr.timeZone);
  const author = (m: MessageView) =>
    m.author.kind === 'agent' ? `${t(locale, 'transcript.agent')}${m.author.name ? ` · ${m.author.name}` : ''}` : t(locale, `transcript.${m.author.kind}`);
  const rows = tr.messages
    .map(
      (m) => `<article class="msg ${m.author.kind}${m.internal ? ' internal' : ''}">
  <header><strong>${escape(author(m))}</strong> <time datetime="${m.createdAt}">${when(m.createdAt)}</time> <span class="seq">#${m.seq} · ${escape(m.channel)}</span>${m.internal ? ` <em>${escape(t(locale, 'transcript.internal'))}</em>` : ''}</header>
  <p>${escape(m.body).replace(/\n/g, '<br>')}</p>
  ${m.attachments.map((a) => `<p class="file">📎 ${escape(a.filename)} (${escape(a.mime)}, ${a.size} B)<br><code>SHA-256 ${a.sha256}</code></p>`).join('\n  ')}
</article>`,
    )
    .join('\n');
  const device = tr.device
    ? `<dl>${Object.entries(tr.device)
        .map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(typeof v === 'string' ? v : JSON.stringify(v))}</dd>`)
        .join('')}</dl>`
    : '';
  const history = tr.statusHistory
    .map((h) => `<li><time datetime="${h.at}">${when(h.at)}</time> ${escape(h.type)}: ${escape(h.from ?? '—')} → ${escape(h.to ?? '—')} (${escape(h.actor)})</li>`)
    .join('');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(t(locale, 'transcript.title'))} ${escape(tr.case.reference)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#1b1f24}
header{color:#555}.msg{border-left:3px solid #ccd;padding:.3rem .8rem;margin:.8rem 0}.msg.agent{border-color:#2a7}.msg.assistant{border-color:#58c}
.internal{background:#fff8e1}.seq{color:#888;font-size:.85em}code{font-size:.8em;word-break:break-all}dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem 1rem}dt{color:#555}</style>
</head><body>
<h1>${escape(t(locale, 'transcript.title'))} ${escape(tr.case.reference)}</h1>
<p>${escape(tr.case.subject ?? '')}</p>
<p>${escape(t(locale, 'transcript.status'))}: <strong>${escape(tr.case.status)}</strong> · ${escape(t(locale, 'transcript.opened'))} ${when(tr.case.createdAt)} · ${escape(tr.case.channel)}</p>
<p class="zone">${escape(t(locale, 'transcript.time_zone', { zone: tr.timeZone }))}</p>
${tr.customer ? `<p>${escape(t(locale, 'transcript.customer'))}: ${escape(tr.customer.name)} ${escape(tr.customer.email ?? tr.customer.phone ?? '')}</p>` : ''}
<h2>${escape(t(locale, 'transcript.messages'))}</h2>
${rows}
<h2>${escape(t(locale, 'transcript.device'))}</h2>
${device}
<h2>${escape(t(locale, 'transcript.history'))}</h2>
<ul>${history}</ul>
<p><small>${escape(t(locale, 'transcript.generated'))} ${when(tr.generatedAt)} · SHA-256 ${tr.digest}</small></p>
</body></html>`;
}
