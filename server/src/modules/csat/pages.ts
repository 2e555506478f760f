import formbody from '@fastify/formbody';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Desk } from '../../kernel/desk.js';
import { AppError } from '../../kernel/errors.js';
import { t, toLocale, type Locale } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import { escapeHtml as e, layout } from '../status/html.js';
import { formatTime } from '../status/service.js';
import { answerSurvey, getSurvey, type SurveyView } from './service.js';

// /survey/{token}: the page a survey link opens (from an email, WhatsApp, Telegram or the app). A plain form that works
// without JavaScript, in the language the case was in (or the one picked with ?lang=).

function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send(html);
}

function page(desk: Desk, locale: Locale, token: string, survey: SurveyView | null, note?: { error?: string; picked?: number; comment?: string }): string {
  const title = t(locale, 'csat.page.title');
  let body: string;
  if (!survey) body = `<h1>${e(title)}</h1><section><p role="alert">${e(t(locale, 'csat.page.not_found'))}</p></section>`;
  else if (survey.expired) body = `<h1>${e(title)}</h1><section><p>${e(t(locale, 'csat.page.expired'))}</p></section>`;
  else {
    const picked = note?.picked ?? survey.score ?? undefined;
    const options = [5, 4, 3, 2, 1]
      .map((n) => `<li><label class="choice"><input type="radio" name="score" value="${n}"${picked === n ? ' checked' : ''} required> ${e(t(locale, `csat.page.score.${n}`))}</label></li>`)
      .join('');
    const thanks = survey.score !== null && !note?.error ? `<p role="status"><strong>${e(t(locale, 'csat.page.thanks', { score: survey.score, until: formatTime(locale, survey.expiresAt, desk.config.SAPA_TIMEZONE) }))}</strong></p>` : '';
    body = `<h1>${e(title)}</h1>
<section>
<p>${e(t(locale, 'csat.page.intro', { reference: survey.reference }))}</p>
${thanks}
${note?.error ? `<p role="alert"><strong>${e(note.error)}</strong></p>` : ''}
<form method="post" action="/survey/${e(token)}?lang=${locale}">
<fieldset><legend>${e(t(locale, 'csat.page.score'))}</legend><ul class="plain">${options}</ul></fieldset>
<p><label for="csat-comment">${e(t(locale, 'csat.page.comment'))}</label><textarea id="csat-comment" name="comment" rows="4" cols="40" maxlength="2000">${e(note?.comment ?? survey.comment ?? '')}</textarea></p>
<button type="submit">${e(t(locale, 'csat.page.submit'))}</button>
</form>
</section>`;
  }
  return layout({ locale, title, body, hrefFor: (l) => `/survey/${encodeURIComponent(token)}?lang=${l}` });
}

async function findSurvey(desk: Desk, token: string): Promise<SurveyView | null> {
  try {
    return await getSurvey(desk, token);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

const params = z.object({ token: z.string().max(100) });
const query = z.object({ lang: z.string().max(20).optional(), score: z.string().max(2).optional() });

export async function csatSite(http: SapaHttp, desk: Desk) {
  await http.register(async (scope) => {
    const forms = scope as unknown as SapaHttp;
    if (!forms.hasContentTypeParser('application/x-www-form-urlencoded')) await forms.register(formbody, { bodyLimit: 16 * 1024 });

    // ?score=5 preselects a rating (a link in an email can offer one per score); only the form's POST records it.
    forms.get('/survey/:token', { schema: { hide: true, params, querystring: query } }, async (req, reply) => {
      const survey = await findSurvey(desk, req.params.token);
      const locale = toLocale(req.query.lang) ?? survey?.locale ?? req.locale;
      const picked = Number(req.query.score);
      return sendPage(reply, page(desk, locale, req.params.token, survey, Number.isInteger(picked) && picked >= 1 && picked <= 5 ? { picked } : undefined), survey ? 200 : 404);
    });

    forms.post(
      '/survey/:token',
      {
        // The token is the credential; the answer is the customer's own.
        config: { csrf: false },
        schema: { hide: true, params, querystring: query, body: z.object({ score: z.string().max(2).optional(), comment: z.string().max(2000).optional() }).passthrough() },
      },
      async (req, reply) => {
        const survey = await findSurvey(desk, req.params.token);
        const locale = toLocale(req.query.lang) ?? survey?.locale ?? req.locale;
        if (!survey) return sendPage(reply, page(desk, locale, req.params.token, null), 404);
        if (survey.expired) return sendPage(reply, page(desk, locale, req.params.token, survey), 410);
        const score = Number(req.body.score);
        if (!Number.isInteger(score) || score < 1 || score > 5) {
          return sendPage(reply, page(desk, locale, req.params.token, survey, { error: t(locale, 'csat.page.pick'), comment: req.body.comment }), 400);
        }
        const answered = await answerSurvey(desk, req.params.token, { score, comment: req.body.comment });
        return sendPage(reply, page(desk, locale, req.params.token, answered));
      },
    );
  });
}
