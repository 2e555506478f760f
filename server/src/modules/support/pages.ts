import { randomBytes } from 'node:crypto';
import { sameSecret } from '../../kernel/auth.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import type { Desk } from '../../kernel/desk.js';
import { locales, t, toLocale, type Locale } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import { bannerHtml, channelsHtml, escapeHtml as e, layout } from '../status/html.js';
import { activeBanner } from '../status/service.js';
import { clientIp } from '../identity/http.js';
import { createWidgetSession, resolveToken } from '../identity/service.js';
import { ANONYMOUS_APPEALS_PER_HOUR, appealContact, validBirthDate, validIdLast4 } from './appeals.js';
import { troubleshootScript } from './client-script.js';
import { analyse, HIGH_LATENCY_MS, remedyText } from './diagnostics.js';
import { openAppeal, supportChannels } from './service.js';

// "Can't reach support?": /help/{locale}/troubleshoot. Without JavaScript it shows what the server knows (incidents,
// maintenance, the account's state) and every channel; with it, a same-origin script tests this device and network.

const APPEAL_COOKIE = 'sapa_appeal';
// Someone appealing without signing in is a visitor: this cookie keeps them the same visitor (and so on the same
// appeal) for their next submission. It holds a widget session token that nothing but this form accepts from a cookie.
const APPEAL_VISITOR_COOKIE = 'sapa_appeal_visitor';

type AppealValues = { name?: string; contact?: string; dateOfBirth?: string; idNumberLast4?: string; message?: string };
type AppealProblem = 'contact' | 'dateOfBirth' | 'idNumberLast4' | 'message';

/** One rendering of the appeal form: its one-time id, the outcome of the last submission, and what was typed. */
interface AppealForm {
  token: string;
  formId: string;
  result?: string;
  error?: string;
  problems?: Partial<Record<AppealProblem, string>>;
  values?: AppealValues;
}

const newFormId = () => randomBytes(18).toString('base64url');

function appealSectionHtml(locale: Locale, notice: string | null, anonymous: boolean, form: AppealForm | undefined): string {
  const v = form?.values ?? {};
  const problems = form?.problems ?? {};
  // A field the server refused says so beside itself, and is announced with the summary at the top.
  const invalid = (field: AppealProblem, id: string) => (problems[field] ? ` aria-invalid="true" aria-describedby="${id}-error"` : '');
  const note = (field: AppealProblem, id: string) => (problems[field] ? `<br><strong class="error" id="${id}-error">${e(problems[field])}</strong>` : '');
  const summary = Object.values(problems).length
    ? `<div role="alert"><p><strong>${e(t(locale, 'support.ts.appeal_fix'))}</strong></p><ul>${Object.values(problems).map((p) => `<li>${e(p)}</li>`).join('')}</ul></div>`
    : '';
  // What was typed comes back as typed: a date the date picker could not show goes back in a plain text field.
  const dobType = !v.dateOfBirth || /^\d{4}-\d{2}-\d{2}$/.test(v.dateOfBirth) ? 'date' : 'text';
  return `<section aria-labelledby="appeal-h" id="appeal"><h2 id="appeal-h">${e(t(locale, 'support.ts.appeal_title'))}</h2>
<p>${e(notice ?? t(locale, 'support.ts.appeal_visitor_intro'))}</p>
${form?.result ? `<p role="status"><strong>${e(form.result)}</strong></p>` : ''}
${form?.error ? `<p role="alert"><strong>${e(form.error)}</strong></p>` : ''}
${summary}
<form method="post" action="/help/${locale}/troubleshoot#appeal">
<input type="hidden" name="appealToken" value="${e(form?.token ?? '')}">
<input type="hidden" name="appealForm" value="${e(form?.formId ?? '')}">
${anonymous ? `<p><label for="appeal-contact">${e(t(locale, 'support.ts.appeal_contact'))}</label><input id="appeal-contact" name="contact" autocomplete="email" size="30" required value="${e(v.contact ?? '')}"${invalid('contact', 'appeal-contact')}>${note('contact', 'appeal-contact')}</p>` : ''}
<p><label for="appeal-name">${e(t(locale, 'support.ts.appeal_name'))}</label><input id="appeal-name" name="name" autocomplete="name" size="30" value="${e(v.name ?? '')}"></p>
<p><label for="appeal-dob">${e(t(locale, 'support.ts.appeal_dob'))}</label><input id="appeal-dob" name="dateOfBirth" type="${dobType}" min="1900-01-01" placeholder="YYYY-MM-DD" value="${e(v.dateOfBirth ?? '')}"${invalid('dateOfBirth', 'appeal-dob')}>${note('dateOfBirth', 'appeal-dob')}</p>
<p><label for="appeal-id">${e(t(locale, 'support.ts.appeal_id4'))}</label><input id="appeal-id" name="idNumberLast4" inputmode="numeric" pattern="[0-9]{4}" size="6" value="${e(v.idNumberLast4 ?? '')}"${invalid('idNumberLast4', 'appeal-id')}>${note('idNumberLast4', 'appeal-id')}</p>
<p><label for="appeal-msg">${e(t(locale, 'support.ts.appeal_message'))}</label><textarea id="appeal-msg" name="message" rows="4" cols="40" required${invalid('message', 'appeal-msg')}>${e(v.message ?? '')}</textarea>${note('message', 'appeal-msg')}</p>
<button type="submit">${e(t(locale, 'support.ts.appeal_submit'))}</button>
</form></section>`;
}

const causes = ['network', 'server', 'app', 'account', 'browser'] as const;

function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

async function troubleshootPage(desk: Desk, req: FastifyRequest, locale: Locale, query: { caseId?: string; appVersion?: string; platform?: string }, appeal?: AppealForm) {
  const principal = req.principal;
  const [banner, known, channels] = await Promise.all([
    activeBanner(desk, locale),
    analyse(desk, {}, locale, principal, { receivedAt: new Date() }),
    supportChannels(desk, locale, principal),
  ]);
  const strings = Object.fromEntries(
    ['running', 'sending', 'sendFailed', 'done', 'apiOk', 'apiFail', 'clockOk', 'clockOff', 'wsOk', 'wsBlocked', 'realtimeFail', 'realtimeAbsent', 'cookiesOk', 'cookiesOff', 'storageOk', 'storageOff', 'findingsTitle', 'adviceTitle'].map((k) => [k, t(locale, `support.ts.js.${k}`)]),
  );
  const config = { locale, strings, highLatencyMs: HIGH_LATENCY_MS, caseId: query.caseId, appVersion: query.appVersion, platform: query.platform };
  // JSON inside <script> must not be able to close the tag.
  const configJson = JSON.stringify(config).replace(/</g, '\\u003c');
  const findings = known.findings.map((f) => `<li class="${f.severity}" data-code="${e(f.code)}">${e(f.message)}</li>`).join('');
  const advice = known.advice.map((a) => `<li>${e(a)}</li>`).join('');
  // A locked-out customer who cannot sign in is the one sent here: without a session, the form asks how to reach them.
  // A signed-in customer sees it when the wallet has locked or restricted their account; agents never.
  const anonymous = !principal;
  const appealSection = anonymous || (principal.kind !== 'agent' && channels.account) ? appealSectionHtml(locale, channels.account?.message ?? null, anonymous, appeal) : '';
  const body = `<h1>${e(t(locale, 'support.ts.title'))}</h1>
<p>${e(t(locale, 'support.ts.intro'))}</p>
${bannerHtml(banner, locale)}
<section aria-labelledby="known-h"><h2 id="known-h">${e(t(locale, 'support.ts.known'))}</h2>
<ul class="findings" id="ts-known">${findings}</ul>
<h3>${e(t(locale, 'support.ts.advice'))}</h3><ul>${advice}</ul>
<p><a href="/status?lang=${locale}">${e(t(locale, 'support.ts.status_link'))}</a></p>
</section>
${appealSection}
<section aria-labelledby="channels-h" id="channels"><h2 id="channels-h">${e(t(locale, 'support.ts.channels'))}</h2>
${channelsHtml(channels.items, locale)}
</section>
<section aria-labelledby="checks-h" id="checks"><h2 id="checks-h">${e(t(locale, 'support.ts.checks'))}</h2>
<noscript><p>${e(t(locale, 'support.ts.noscript'))}</p></noscript>
<p id="ts-status" role="status" aria-live="polite"></p>
<ul class="findings" id="ts-results" aria-live="polite"></ul>
<div id="ts-server"></div>
<p><button type="button" id="ts-run">${e(t(locale, 'support.ts.run'))}</button></p>
</section>
<section aria-labelledby="causes-h"><h2 id="causes-h">${e(t(locale, 'support.ts.causes'))}</h2>
${causes.map((c) => `<h3>${e(t(locale, `support.ts.cause.${c}`))}</h3><p>${e(remedyText(c, channels.items, locale))}</p>`).join('')}
<p>${e(t(locale, 'support.advice.keep_evidence'))}</p>
</section>`;
  return layout({
    locale,
    title: t(locale, 'support.ts.title'),
    body,
    hrefFor: (l) => `/help/${l}/troubleshoot`,
    scripts: `<script type="application/json" id="ts-config">${configJson}</script>\n<script src="/status/assets/troubleshoot.js" defer></script>`,
  });
}

const pageQuery = z.object({
  caseId: z.string().max(100).optional(),
  appVersion: z.string().max(40).regex(/^[\w.+-]*$/).optional(),
  platform: z.string().max(40).regex(/^[\w .+-]*$/).optional(),
});


export async function supportSite(http: SapaHttp, desk: Desk) {
  http.get('/status/assets/troubleshoot.js', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(troubleshootScript),
  );

  // Only /help/:locale/troubleshoot is ours; the help center owns the rest of /help.
  await http.register(async (scope) => {
    const forms = scope as unknown as SapaHttp;
    if (!forms.hasContentTypeParser('application/x-www-form-urlencoded')) await forms.register(formbody, { bodyLimit: 16 * 1024 });
    // Limits nothing by itself (global: false): the POST below asks it about anonymous appeals only.
    await forms.register(rateLimit, { global: false });
    const anonymousAppeals = forms.createRateLimit({ max: ANONYMOUS_APPEALS_PER_HOUR, timeWindow: 3600_000, keyGenerator: (req) => `appeal:${clientIp(req)}` });
    const cookieSecure = (req: FastifyRequest) => desk.config.SAPA_COOKIE_SECURE === 'always' || (desk.config.SAPA_COOKIE_SECURE === 'auto' && req.protocol === 'https');
    // The visitor an anonymous form id was first sent as, for a few minutes: a double click sends the second POST before
    // the first one's cookie arrives, and it must land on the same visitor (and so replay the same case).
    const visitorOfForm = new Map<string, { at: number; session: Promise<{ token: string; visitorId: string }> }>();
    const formVisitor = (key: string, create: () => Promise<{ token: string; visitorId: string }>) => {
      const now = Date.now();
      const known = visitorOfForm.get(key);
      if (known && now - known.at < 10 * 60_000) return known.session;
      if (visitorOfForm.size > 10_000) for (const [k, entry] of visitorOfForm) if (now - entry.at >= 10 * 60_000 || visitorOfForm.size > 10_000) visitorOfForm.delete(k);
      const session = create();
      visitorOfForm.set(key, { at: now, session });
      session.catch(() => visitorOfForm.delete(key));
      return session;
    };

    forms.get('/help/:locale/troubleshoot', { schema: { hide: true, params: z.object({ locale: z.string().max(20) }), querystring: pageQuery.passthrough() } }, async (req, reply) => {
      const locale = toLocale(req.params.locale);
      if (!locale) return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } });
      if (locale !== req.params.locale) return reply.redirect(`/help/${locale}/troubleshoot`, 301);
      // The appeal form's double-submit token: a strict same-site cookie that a cross-site form cannot send.
      let token = req.cookies?.[APPEAL_COOKIE];
      if (!token || !/^[\w-]{20,64}$/.test(token)) {
        token = randomBytes(18).toString('base64url');
        reply.setCookie(APPEAL_COOKIE, token, { path: '/help', httpOnly: true, sameSite: 'strict' });
      }
      return sendPage(reply, await troubleshootPage(desk, req, locale, req.query, { token, formId: newFormId() }));
    });

    forms.post(
      '/help/:locale/troubleshoot',
      {
        config: { csrf: false },
        schema: {
          hide: true,
          params: z.object({ locale: z.string().max(20) }),
          body: z
            .object({
              appealToken: z.string().max(100).optional(),
              appealForm: z.string().max(100).optional(),
              contact: z.string().max(300).optional(),
              message: z.string().max(5000).optional(),
              name: z.string().max(200).optional(),
              dateOfBirth: z.string().max(20).optional(),
              idNumberLast4: z.string().max(10).optional(),
            })
            .passthrough(),
        },
      },
      async (req, reply) => {
        const locale = toLocale(req.params.locale);
        if (!locale || !locales.includes(locale)) return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } });
        const token = req.cookies?.[APPEAL_COOKIE];
        const body = req.body;
        const values: AppealValues = { name: body.name, contact: body.contact, dateOfBirth: body.dateOfBirth, idNumberLast4: body.idNumberLast4, message: body.message };
        // Every answer renders a fresh form id (the next appeal is a new one) and keeps what was typed unless it was sent.
        const render = (status: number, extra: Omit<AppealForm, 'token' | 'formId'>) =>
          troubleshootPage(desk, req, locale, {}, { token: token ?? '', formId: newFormId(), ...extra }).then((html) => sendPage(reply, html, status));
        if (!sameSecret(token, body.appealToken)) return render(403, { error: t(locale, 'support.ts.appeal_expired'), values });
        if (req.principal?.kind === 'agent') return render(403, { error: t(locale, 'error.forbidden'), values });
        // The form's one-time id makes a resubmission of the same form (a double click, a reload) open one case, and a
        // new form a new appeal. A form from before these ids (cached) falls back to one per submission.
        const formId = body.appealForm && /^[\w-]{16,64}$/.test(body.appealForm) ? body.appealForm : newFormId();
        const anonymous = !req.principal;
        const problems: Partial<Record<AppealProblem, string>> = {};
        const contact = anonymous ? appealContact(body.contact ?? '') : undefined;
        if (anonymous && !contact) problems.contact = t(locale, 'support.ts.appeal_invalid_contact');
        const dateOfBirth = body.dateOfBirth?.trim() || undefined;
        if (dateOfBirth && !validBirthDate(dateOfBirth, desk.config.SAPA_TIMEZONE)) problems.dateOfBirth = t(locale, 'support.ts.appeal_invalid_dob');
        const idNumberLast4 = body.idNumberLast4?.trim() || undefined;
        if (idNumberLast4 && !validIdLast4(idNumberLast4)) problems.idNumberLast4 = t(locale, 'support.ts.appeal_invalid_id4');
        const message = (body.message ?? '').trim();
        if (!message) problems.message = t(locale, 'support.ts.appeal_empty');
        if (Object.keys(problems).length) return render(400, { problems, values });

        let principal = req.principal;
        if (!principal) {
          const limit = await anonymousAppeals(req);
          if (!limit.isAllowed && limit.isExceeded) {
            reply.header('retry-after', String(limit.ttlInSeconds));
            return render(429, { error: t(locale, 'support.ts.appeal_too_many', { minutes: Math.max(1, Math.ceil(limit.ttlInSeconds / 60)) }), values });
          }
          // The same visitor as this browser's last appeal (so a second one joins it), else the visitor this form was
          // first sent as, else a new one.
          const remembered = req.cookies?.[APPEAL_VISITOR_COOKIE];
          const resumed = remembered ? await resolveToken(desk, remembered) : undefined;
          const visitor = resumed?.principal.kind === 'visitor'
            ? { token: remembered!, visitorId: resumed.principal.visitorId }
            : await formVisitor(`${token}:${formId}`, () => createWidgetSession(desk, { locale }, clientIp(req), req.headers['user-agent']));
          reply.setCookie(APPEAL_VISITOR_COOKIE, visitor.token, { path: '/help', httpOnly: true, sameSite: 'strict', secure: cookieSecure(req), maxAge: 30 * 86400 });
          principal = { kind: 'visitor', visitorId: visitor.visitorId, locale, sessionId: 'appeal' };
        }
        const { case: appealed, added } = await openAppeal(desk, principal, {
          message,
          name: body.name,
          contact,
          dateOfBirth,
          idNumberLast4,
          clientMessageId: `appeal-form-${formId}`,
        }, locale);
        return render(201, { result: t(locale, added ? 'support.appeal.added' : 'support.appeal.opened', { reference: appealed.reference }) });
      },
    );
  });
}
