import { randomBytes } from 'node:crypto';
import { sameSecret } from '../../kernel/auth.js';
import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Desk } from '../../kernel/desk.js';
import { AppError } from '../../kernel/errors.js';
import { appErrorBody } from '../../kernel/http.js';
import { t, toLocale, type Locale } from '../../kernel/i18n.js';
import type { SapaHttp } from '../../kernel/module.js';
import { h, trusted, type Html } from '../helpcenter/html.js';
import { embedsWidget, publicOrigin, renderPage, sendHtml } from '../helpcenter/layout.js';
import { liveNotices } from '../helpcenter/live.js';
import { clientIp } from '../identity/http.js';
import { normalisePhone } from '../identity/service.js';
import { formatSlot } from './hours.js';
import './messages.js';
import { bookingBody } from './routes.js';
import { bookCallback, nextFreeSlots, phoneHours, type CallbackView, type Slot } from './service.js';

// "Book a phone callback": /help/{locale}/callback, a help-center page that works without JavaScript. Its form is
// booked exactly as POST /api/v1/callbacks (same checks, rate limits and ownership: someone not signed in gets a
// case of their own, never the account of whoever has that number).

export const bookingPath = (locale: Locale) => `/help/${locale}/callback`;

// The form's double-submit token: a strict same-site cookie that a form on another site cannot send along.
const FORM_COOKIE = 'sapa_callback_form';
const SLOTS_SHOWN = 16;

type Field = 'phone' | 'name' | 'topic' | 'slot';
type Values = Partial<Record<Field, string>>;

interface FormState {
  token: string;
  values?: Values;
  problems?: Partial<Record<Field, string>>;
  error?: string;
  booked?: CallbackView;
}


/** "Mon–Sat 09:00–18:00" in the reader's language (weekday names from Intl, a run of days as a range). */
function hoursText(days: number[], open: string, close: string, locale: Locale): string {
  const tag = locale === 'en' ? 'en-GB' : locale;
  // 2024-01-01 was a Monday: ISO weekday d is 2024-01-0d.
  const name = (d: number) => new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d)));
  const sorted = [...days].sort((a, b) => a - b);
  const run = sorted.length > 2 && sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
  return `${run ? `${name(sorted[0])}–${name(sorted[sorted.length - 1])}` : sorted.map(name).join(', ')} ${open}–${close}`;
}

/** A slot as the list shows it: its day and time in the desk's zone (the zone is named once, in the label). */
function slotLabel(start: string, locale: Locale, timeZone: string): string {
  const tag = locale === 'en' ? 'en-GB' : locale;
  return new Intl.DateTimeFormat(tag, { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(start));
}

function formHtml(L: Locale, timeZone: string, slots: Slot[], form: FormState): Html {
  const v = form.values ?? {};
  const problems = form.problems ?? {};
  // A refused field says so beside itself, and every problem is announced together above the form.
  const described = (f: Field) => [problems[f] ? `cb-${f}-error` : '', f === 'name' ? '' : `cb-${f}-hint`].filter(Boolean).join(' ');
  const invalid = (f: Field) => trusted(`${problems[f] ? ' aria-invalid="true"' : ''}${described(f) ? ` aria-describedby="${described(f)}"` : ''}`);
  const note = (f: Field) => (problems[f] ? h`<br><strong class="small" id="cb-${f}-error">${problems[f]}</strong>` : '');
  const listed = problems.slot ? undefined : v.slot;
  const summary = Object.values(problems).length
    ? h`<div class="notice bad" role="alert"><p><strong>${t(L, 'callbacks.page.fix')}</strong></p><ul>${Object.values(problems).map((p) => h`<li>${p}</li>`)}</ul></div>`
    : '';
  return h`${form.error ? h`<p class="notice bad" role="alert">${form.error}</p>` : ''}
${summary}
<form method="post" action="${bookingPath(L)}" class="card" novalidate>
<input type="hidden" name="formToken" value="${form.token}">
<p><label for="cb-phone">${t(L, 'callbacks.page.phone')}</label>
<input id="cb-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="30" required value="${v.phone ?? ''}"${invalid('phone')}>
<br><span class="small muted" id="cb-phone-hint">${t(L, 'callbacks.page.phone_hint')}</span>${note('phone')}</p>
<p><label for="cb-name">${t(L, 'callbacks.page.name')}</label>
<input id="cb-name" name="name" type="text" autocomplete="name" maxlength="200" value="${v.name ?? ''}"${invalid('name')}>
${note('name')}</p>
<p><label for="cb-topic">${t(L, 'callbacks.page.topic')}</label>
<textarea id="cb-topic" name="topic" maxlength="500" rows="3" required${invalid('topic')}>${v.topic ?? ''}</textarea>
<br><span class="small muted" id="cb-topic-hint">${t(L, 'callbacks.page.topic_hint')}</span>${note('topic')}</p>
${
  slots.length
    ? h`<p><label for="cb-slot">${t(L, 'callbacks.page.slot', { timezone: timeZone })}</label>
<select id="cb-slot" name="slot" required${invalid('slot')}>
${slots.map((s) => h`<option value="${s.start}"${s.start === listed ? trusted(' selected') : ''}>${slotLabel(s.start, L, timeZone)}</option>`)}
</select>
<br><span class="small muted" id="cb-slot-hint">${t(L, 'callbacks.page.slot_hint', { timezone: timeZone })}</span>${note('slot')}</p>
<p><button type="submit">${t(L, 'callbacks.page.submit')}</button></p>`
    : h`<p class="notice warn" id="cb-slot-hint">${t(L, 'callbacks.page.no_slots')}</p>${note('slot')}`
}
</form>`;
}

function bookedHtml(L: Locale, timeZone: string, booked: CallbackView): Html {
  return h`<section class="notice ok" role="status" aria-labelledby="cb-booked">
<h2 id="cb-booked">${t(L, 'callbacks.page.booked_title')}</h2>
<p>${t(L, 'callbacks.page.booked', { phone: booked.phone, when: formatSlot(new Date(booked.slot), L, timeZone) })}</p>
<p><strong>${t(L, 'callbacks.page.reference', { reference: booked.reference })}</strong></p>
</section>
<p><a href="${bookingPath(L)}">${t(L, 'callbacks.page.again')}</a></p>`;
}

async function bookingPage(desk: Desk, req: FastifyRequest, L: Locale, form: FormState): Promise<string> {
  const timeZone = desk.config.SAPA_TIMEZONE;
  const [hours, slots, live] = await Promise.all([phoneHours(desk), form.booked ? Promise.resolve([]) : nextFreeSlots(desk, new Date(), SLOTS_SHOWN), liveNotices(desk, L, req.principal)]);
  const body = h`<div class="wrap">
<h1>${t(L, 'callbacks.page.title')}</h1>
<p class="lead">${t(L, 'callbacks.page.lead', { hours: hoursText(hours.days, hours.open, hours.close, L), timezone: timeZone })}</p>
<p class="safety">${t(L, 'callbacks.page.safety')}</p>
${form.booked ? bookedHtml(L, timeZone, form.booked) : formHtml(L, timeZone, slots, form)}
<p class="muted">${t(L, 'callbacks.page.after')}</p>
</div>`;
  return renderPage({
    locale: L,
    section: 'help',
    title: t(L, 'callbacks.page.title'),
    description: t(L, 'callbacks.page.description'),
    canonical: bookingPath(L),
    alternates: { en: bookingPath('en'), 'id-ID': bookingPath('id-ID'), 'zh-CN': bookingPath('zh-CN') },
    live,
    origin: publicOrigin(desk, req),
    body,
  });
}

function send(req: FastifyRequest, reply: FastifyReply, html: string, status: number) {
  // Help-center pages carry the chat widget (nothing here needs it): their CSP lets its scripts load.
  return sendHtml(req, reply, html, { status, personal: true, widget: embedsWidget('help') });
}

const field = z.string().max(5000).optional();
const formBody = z.object({ formToken: z.string().max(100).optional(), phone: field, name: field, topic: field, slot: field }).passthrough();

/** The field of the form an API validation problem is about (`body.phone` → phone). */
const fieldOf = (path: string): Field | undefined => (['phone', 'name', 'topic', 'slot'] as const).find((f) => path === f || path === `body.${f}`);

export async function callbackSite(http: SapaHttp, desk: Desk) {
  await http.register(async (scope) => {
    const forms = scope as unknown as SapaHttp;
    if (!forms.hasContentTypeParser('application/x-www-form-urlencoded')) await forms.register(formbody, { bodyLimit: 16 * 1024 });
    const params = z.object({ locale: z.string().max(20) });

    const formToken = (req: FastifyRequest, reply: FastifyReply) => {
      let token = req.cookies?.[FORM_COOKIE];
      if (!token || !/^[\w-]{20,64}$/.test(token)) {
        token = randomBytes(18).toString('base64url');
        reply.setCookie(FORM_COOKIE, token, { path: '/help', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https' });
      }
      return token;
    };

    forms.get('/help/:locale/callback', { schema: { hide: true, params } }, async (req, reply) => {
      const locale = toLocale(req.params.locale);
      if (!locale) return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } });
      if (locale !== req.params.locale) return reply.redirect(bookingPath(locale), 301);
      return send(req, reply, await bookingPage(desk, req, locale, { token: formToken(req, reply) }), 200);
    });

    forms.post('/help/:locale/callback', { config: { csrf: false }, schema: { hide: true, params, body: formBody } }, async (req, reply) => {
      const L = toLocale(req.params.locale);
      if (!L || L !== req.params.locale) return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } });
      const sent = req.body.formToken;
      const token = formToken(req, reply);
      const values: Values = { phone: req.body.phone?.slice(0, 30), name: req.body.name?.slice(0, 200), topic: req.body.topic?.slice(0, 500), slot: req.body.slot?.slice(0, 40) };
      const render = async (status: number, state: Omit<FormState, 'token' | 'values'>) => send(req, reply, await bookingPage(desk, req, L, { token, values, ...state }), status);
      if (!sameSecret(req.cookies?.[FORM_COOKIE], sent)) return render(403, { error: t(L, 'callbacks.page.error.expired') });

      const problem = (f: Field) => t(L, `callbacks.page.error.${f}`);
      const parsed = bookingBody.safeParse({ phone: req.body.phone ?? '', topic: req.body.topic ?? '', slot: req.body.slot ?? '', name: req.body.name?.trim() || undefined, locale: L });
      if (!parsed.success) {
        const problems: FormState['problems'] = {};
        for (const issue of parsed.error.issues) {
          const f = fieldOf(String(issue.path[0]));
          if (f) problems[f] = problem(f);
        }
        return render(400, { problems });
      }
      try {
        // A form sent twice (back and resubmit) books once: the key is this browser's form token, the slot and number.
        const idempotencyKey = `page:${token}:${parsed.data.slot}:${normalisePhone(parsed.data.phone)}`;
        const { callback } = await bookCallback(desk, req.principal, parsed.data, { ip: clientIp(req), idempotencyKey });
        return render(201, { booked: callback });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'invalid_input' && Array.isArray(error.details)) {
          const problems: FormState['problems'] = {};
          for (const d of error.details as { field?: string }[]) {
            const f = fieldOf(d.field ?? '');
            if (f) problems[f] = problem(f);
          }
          if (Object.keys(problems).length) return render(400, { problems });
        }
        // The slot is taken, closed or gone: say why in the page's language; the list shows the times still free.
        if (error.code === 'slot_unavailable' || error.code === 'slot_passed') return render(422, { problems: { slot: appErrorBody(L, error).error.message } });
        if (error.status === 429) {
          for (const [k, v] of Object.entries(error.headers ?? {})) reply.header(k, v);
          return render(429, { error: appErrorBody(L, error).error.message });
        }
        throw error;
      }
    });
  });
}
