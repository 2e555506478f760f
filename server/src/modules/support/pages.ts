import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import { z } from 'zod';
import type { Desk } from '../../kernel/desk.js';
import { locales, t, toLocale, type Locale } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import { bannerHtml, channelsHtml, escapeHtml as e, layout } from '../status/html.js';
import { activeBanner } from '../status/service.js';
import { troubleshootScript } from './client-script.js';
import { analyse, HIGH_LATENCY_MS, remedyText } from './diagnostics.js';
import { openAppeal, supportChannels } from './service.js';

// "Can't reach support?": /help/{locale}/troubleshoot. Without JavaScript it shows what the server knows (incidents,
// maintenance, the account's state) and every channel; with it, a same-origin script tests this device and network.

const APPEAL_COOKIE = 'sapa_appeal';

const causes = ['network', 'server', 'app', 'account', 'browser'] as const;

function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

async function troubleshootPage(desk: Desk, req: FastifyRequest, locale: Locale, query: { caseId?: string; appVersion?: string; platform?: string }, appeal?: { token: string; result?: string; error?: string }) {
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
  const appealSection = channels.account
    ? `<section aria-labelledby="appeal-h" id="appeal"><h2 id="appeal-h">${e(t(locale, 'support.ts.appeal_title'))}</h2>
<p>${e(channels.account.message)}</p>
${appeal?.result ? `<p role="status"><strong>${e(appeal.result)}</strong></p>` : ''}
${appeal?.error ? `<p role="alert"><strong>${e(appeal.error)}</strong></p>` : ''}
<form method="post" action="/help/${locale}/troubleshoot">
<input type="hidden" name="appealToken" value="${e(appeal?.token ?? '')}">
<p><label for="appeal-name">${e(t(locale, 'support.ts.appeal_name'))}</label><input id="appeal-name" name="name" autocomplete="name" size="30"></p>
<p><label for="appeal-dob">${e(t(locale, 'support.ts.appeal_dob'))}</label><input id="appeal-dob" name="dateOfBirth" type="date"></p>
<p><label for="appeal-id">${e(t(locale, 'support.ts.appeal_id4'))}</label><input id="appeal-id" name="idNumberLast4" inputmode="numeric" pattern="[0-9]{4}" size="6"></p>
<p><label for="appeal-msg">${e(t(locale, 'support.ts.appeal_message'))}</label><textarea id="appeal-msg" name="message" rows="4" cols="40" required></textarea></p>
<button type="submit">${e(t(locale, 'support.ts.appeal_submit'))}</button>
</form></section>`
    : '';
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

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export async function supportSite(http: SapaHttp, desk: Desk) {
  http.get('/status/assets/troubleshoot.js', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(troubleshootScript),
  );

  // Only /help/:locale/troubleshoot is ours; the help center owns the rest of /help.
  await http.register(async (scope) => {
    const forms = scope as unknown as SapaHttp;
    if (!forms.hasContentTypeParser('application/x-www-form-urlencoded')) await forms.register(formbody, { bodyLimit: 16 * 1024 });

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
      return sendPage(reply, await troubleshootPage(desk, req, locale, req.query, { token }));
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
        const render = (status: number, extra: { result?: string; error?: string }) =>
          troubleshootPage(desk, req, locale, {}, { token: token ?? '', ...extra }).then((html) => sendPage(reply, html, status));
        if (!sameToken(token, req.body.appealToken)) return render(403, { error: t(locale, 'support.ts.appeal_expired') });
        if (!req.principal || req.principal.kind === 'agent') return render(401, { error: t(locale, 'support.ts.appeal_sign_in') });
        const message = (req.body.message ?? '').trim();
        if (!message) return render(400, { error: t(locale, 'support.ts.appeal_empty') });
        const { case: opened } = await openAppeal(desk, req.principal, {
          message,
          name: req.body.name,
          dateOfBirth: req.body.dateOfBirth,
          idNumberLast4: /^\d{4}$/.test(req.body.idNumberLast4 ?? '') ? req.body.idNumberLast4 : undefined,
          clientMessageId: `appeal-form-${token}`,
        }, locale);
        return render(201, { result: t(locale, 'support.appeal.opened', { reference: opened.reference }) });
      },
    );
  });
}
