import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, gt, gte, inArray, lt, sql } from 'drizzle-orm';
import { rows } from '../../kernel/db/index.js';
import { settings } from '../../kernel/db/schema.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { t, toLocale, type Locale } from '../../kernel/i18n.js';
import { agents } from '../identity/schema.js';
import { cases } from '../cases/schema.js';
import { getCase, postMessage, systemPrincipal } from '../cases/service.js';
import type { CaseRow, CaseView } from '../cases/views.js';
import { threadChannels, watchThreads } from '../channels/service.js';
import { formatTime } from '../status/service.js';
import { publicBase } from '../status/notify.js';
import { satisfactionSurveys } from './schema.js';

// Satisfaction surveys (CSAT): when a person resolves a case, the customer is asked "how did we do?" on the case's own
// channel, with a link to a page that works without JavaScript; on WhatsApp, Telegram and the app a reply that is
// only the number answers it too. The answer goes to the case as a note for agents, and into the report.

/** How long a survey can be answered (and its answer changed). */
export const SURVEY_DAYS = 7;
/** A case resolved again within this long (reopened by a last "thanks!") gets no second survey. */
const QUIET_HOURS = 24;
const SETTINGS_KEY = 'csat.settings';

export interface CsatSettings {
  /** Offer a survey when a case is resolved. On unless an admin turns it off. */
  enabled: boolean;
}

export async function csatSettings(desk: Desk): Promise<CsatSettings> {
  return { enabled: (await savedSettings(desk)).enabled };
}

/** The setting and when surveys were last turned on (the sweep does not offer for cases resolved while they were off). */
async function savedSettings(desk: Desk): Promise<{ enabled: boolean; enabledAt: Date }> {
  const [row] = await desk.db.select().from(settings).where(eq(settings.key, SETTINGS_KEY));
  const saved = (row?.value ?? {}) as Partial<CsatSettings> & { enabledAt?: string };
  return { enabled: saved.enabled !== false, enabledAt: new Date(saved.enabledAt ?? 0) };
}

export async function saveCsatSettings(desk: Desk, value: CsatSettings): Promise<CsatSettings> {
  const before = await savedSettings(desk);
  const enabledAt = value.enabled && !before.enabled ? new Date() : before.enabledAt;
  const stored = { enabled: value.enabled, enabledAt: enabledAt.toISOString() };
  await desk.db.insert(settings).values({ key: SETTINGS_KEY, value: stored, updatedAt: new Date() }).onConflictDoUpdate({ target: settings.key, set: { value: stored, updatedAt: new Date() } });
  return { enabled: value.enabled };
}

type SurveyRow = typeof satisfactionSurveys.$inferSelect;

export const surveyUrl = (desk: Desk, token: string) => `${publicBase(desk)}/survey/${token}`;

/**
 * Offers a survey for a case just resolved, when a person answered on it (an assistant-only conversation is not the
 * team's to be rated on), the customer can be reached, and no survey went out for it in the last day. The check and
 * the insert hold the case's row lock, so the event, the sweep and other nodes never offer two.
 */
export async function offerSurvey(desk: Desk, kase: CaseRow | CaseView, resolvedBy: string | null): Promise<SurveyRow | null> {
  if (kase.status !== 'resolved' || !kase.firstResponseAt || (!kase.customerId && !kase.visitorId)) return null;
  if (!(await csatSettings(desk)).enabled) return null;
  const survey = await desk.db.transaction(async (tx) => {
    await tx.execute(sql`select id from cases where id = ${kase.id} for update`);
    const [recent] = await tx
      .select({ id: satisfactionSurveys.id })
      .from(satisfactionSurveys)
      .where(and(eq(satisfactionSurveys.caseId, kase.id), gte(satisfactionSurveys.sentAt, new Date(Date.now() - QUIET_HOURS * 3600_000))))
      .limit(1);
    if (recent) return null;
    const now = new Date();
    const [row] = await tx
      .insert(satisfactionSurveys)
      .values({
        id: randomUUID(),
        caseId: kase.id,
        token: randomBytes(24).toString('base64url'),
        channel: kase.channel,
        locale: toLocale(kase.language) ?? 'en',
        agentId: kase.assigneeId ?? resolvedBy,
        sentAt: now,
        expiresAt: new Date(now.getTime() + SURVEY_DAYS * 86400_000),
      })
      .returning();
    return row;
  });
  if (survey) await askSurvey(desk, survey, kase.reference);
  return survey;
}

/** Posts the survey's question on its case; idempotent, so the sweep can post one a stopped node left unasked. */
async function askSurvey(desk: Desk, survey: SurveyRow, reference: string): Promise<void> {
  const locale = toLocale(survey.locale) ?? 'en';
  // Said by Sapa, not by an agent, and sent on the case's channel like a reply (channels/service.ts `shouldSend`). On a
  // chat channel the customer may simply reply with the number (`ratingIn`).
  const ask = (threadChannels as readonly string[]).includes(survey.channel) ? 'csat.ask.reply' : 'csat.ask';
  await postMessage(desk, systemPrincipal, survey.caseId, {
    body: t(locale, ask, { reference, url: surveyUrl(desk, survey.token) }),
    clientMessageId: `csat:${survey.id}`,
    authorKind: 'system',
    metadata: { survey: { token: survey.token, scale: 5, expiresAt: survey.expiresAt.toISOString() }, outbound: true },
  });
}

/** How far back the sweep looks: enough to outlast a restart, short enough that turning surveys on is not retroactive. */
const SWEEP_MINUTES = 60;

/**
 * Makes up what a node that stopped at the wrong moment lost: a case resolved in the last hour, while surveys were on,
 * with no survey in the last day (the `case.updated` listener never ran), and a survey whose question was never
 * posted. Returns how many it mended.
 */
export async function sweepSurveys(desk: Desk, olderThanSeconds = 60): Promise<number> {
  const before = new Date(Date.now() - olderThanSeconds * 1000);
  const after = new Date(Date.now() - SWEEP_MINUTES * 60_000);
  const { enabled, enabledAt } = await savedSettings(desk);
  let mended = 0;
  const unasked = await rows<{ id: string; reference: string }>(
    desk.db,
    sql`select s.id, c.reference from satisfaction_surveys s join cases c on c.id = s.case_id
         where s.sent_at >= ${after} and s.sent_at < ${before}
           and not exists (select 1 from messages m where m.case_id = s.case_id and m.client_message_id = 'csat:' || s.id)`,
  );
  for (const { id, reference } of unasked) {
    const [survey] = await desk.db.select().from(satisfactionSurveys).where(eq(satisfactionSurveys.id, id));
    await askSurvey(desk, survey, reference);
    mended++;
  }
  if (!enabled) return mended;
  const since = enabledAt > after ? enabledAt : after;
  const missed = await rows<{ id: string; resolved_by: string | null }>(
    desk.db,
    sql`select c.id,
               (select e.actor_id from case_events e
                 where e.case_id = c.id and e.type = 'status_changed' and e.to_value = 'resolved' and e.actor_kind = 'agent'
                 order by e.created_at desc limit 1) as resolved_by
          from cases c
         where c.status = 'resolved' and c.resolved_at >= ${since} and c.resolved_at < ${before}
           and c.first_response_at is not null
           and not exists (select 1 from satisfaction_surveys s where s.case_id = c.id and s.sent_at >= ${new Date(Date.now() - QUIET_HOURS * 3600_000)})`,
  );
  for (const { id, resolved_by } of missed) {
    if (await offerSurvey(desk, await getCase(desk, systemPrincipal, id), resolved_by)) mended++;
  }
  return mended;
}

export interface SurveyView {
  caseId: string;
  reference: string;
  locale: Locale;
  score: number | null;
  comment: string | null;
  sentAt: string;
  answeredAt: string | null;
  expiresAt: string;
  expired: boolean;
}

async function byToken(desk: Desk, token: string): Promise<{ survey: SurveyRow; reference: string }> {
  if (!/^[\w-]{20,64}$/.test(token)) throw notFound('survey');
  const [row] = await desk.db
    .select({ survey: satisfactionSurveys, reference: cases.reference })
    .from(satisfactionSurveys)
    .innerJoin(cases, eq(cases.id, satisfactionSurveys.caseId))
    .where(eq(satisfactionSurveys.token, token));
  if (!row) throw notFound('survey');
  return row;
}

const view = (s: SurveyRow, reference: string): SurveyView => ({
  caseId: s.caseId,
  reference,
  locale: toLocale(s.locale) ?? 'en',
  score: s.score,
  comment: s.comment,
  sentAt: s.sentAt.toISOString(),
  answeredAt: s.answeredAt?.toISOString() ?? null,
  expiresAt: s.expiresAt.toISOString(),
  expired: s.expiresAt.getTime() <= Date.now(),
});

export async function getSurvey(desk: Desk, token: string): Promise<SurveyView> {
  const { survey, reference } = await byToken(desk, token);
  return view(survey, reference);
}

/**
 * Records the customer's rating (1–5) and comment. Answering again before the survey expires changes the answer; the
 * agents see each answer as a note on the case.
 */
export async function answerSurvey(desk: Desk, token: string, answer: { score: number; comment?: string }): Promise<SurveyView> {
  const { survey, reference } = await byToken(desk, token);
  if (survey.expiresAt.getTime() <= Date.now()) throw new AppError(410, 'survey_expired');
  return view(await recordAnswer(desk, survey, answer), reference);
}

async function recordAnswer(desk: Desk, survey: SurveyRow, answer: { score: number; comment?: string | null }): Promise<SurveyRow> {
  const comment = answer.comment?.trim() || null;
  const [saved] = await desk.db
    .update(satisfactionSurveys)
    .set({ score: answer.score, comment, answeredAt: new Date() })
    .where(eq(satisfactionSurveys.id, survey.id))
    .returning();
  const changed = survey.score !== null;
  await postMessage(desk, systemPrincipal, survey.caseId, {
    body: `${changed ? `The customer changed their rating from ${survey.score}/5 to ${answer.score}/5` : `The customer rated this case ${answer.score}/5`}${comment ? `: “${comment}”` : '.'}`,
    clientMessageId: `csat-answer:${survey.id}:${saved.answeredAt!.getTime()}`,
    internal: true,
    authorKind: 'system',
    metadata: { satisfaction: { score: answer.score, comment } },
  });
  return saved;
}

const STARS = /^(?:⭐|★|🌟)+$/u;
const CHINESE_DIGITS = '一二三四五';

/**
 * The rating in a customer's reply to the survey on a chat channel, when the reply is only a rating: "5", "4/5",
 * "3 of 5", "5 stars", "4 bintang", "5分", "五星", "⭐⭐⭐⭐". Anything more ("5 juta belum masuk") is a message, not a
 * rating, and reopens the case as usual.
 */
export function ratingIn(text: string): number | null {
  const reply = text.normalize('NFKC').replace(/\uFE0F/gu, '').trim().replace(/[\s.!。！~]+$/u, '');
  if (STARS.test(reply)) {
    const count = [...reply].length;
    return count <= 5 ? count : null;
  }
  const digit = /^([1-5])(?:\s*(?:\/\s*5|(?:of|dari)\s*5|stars?|bintang|分|星))?$/iu.exec(reply);
  if (digit) return Number(digit[1]);
  const chinese = /^([一二三四五])(?:分|星)$/u.exec(reply);
  return chinese ? CHINESE_DIGITS.indexOf(chinese[1]) + 1 : null;
}

/** The case's latest survey while it can still be answered. */
async function openSurvey(desk: Desk, caseId: string): Promise<SurveyRow | undefined> {
  const [row] = await desk.db
    .select()
    .from(satisfactionSurveys)
    .where(and(eq(satisfactionSurveys.caseId, caseId), gt(satisfactionSurveys.expiresAt, new Date())))
    .orderBy(desc(satisfactionSurveys.sentAt))
    .limit(1);
  return row;
}

const WATCHER = 'satisfaction_survey';

/**
 * A chat customer answers the survey by replying with the number: the reply stays on the case (which stays resolved),
 * the rating is recorded, and Sapa thanks them with the link for a comment. Repeated deliveries record it once.
 */
function answerInThreads(desk: Desk): void {
  watchThreads(desk, {
    claimsReply: async (d, row, input) => (input.text && ratingIn(input.text) !== null && (await openSurvey(d, row.id)) ? WATCHER : null),
    stored: async (d, input, outcome) => {
      if (outcome.claimedBy !== WATCHER || !input.text) return;
      const score = ratingIn(input.text);
      const survey = await openSurvey(d, outcome.caseId);
      if (score === null || !survey) return;
      const saved = outcome.duplicate && survey.score === score ? survey : await recordAnswer(d, survey, { score, comment: survey.comment });
      const locale = toLocale(saved.locale) ?? 'en';
      await postMessage(d, systemPrincipal, outcome.caseId, {
        body: t(locale, 'csat.thanks', { score, until: formatTime(locale, saved.expiresAt, d.config.SAPA_TIMEZONE), url: surveyUrl(d, saved.token) }),
        clientMessageId: `csat-thanks:${outcome.messageId}`,
        authorKind: 'system',
        metadata: { outbound: true },
      });
    },
  });
}

/** The latest survey of a case (for the case's owner and its agents). */
export async function caseSurvey(desk: Desk, caseId: string): Promise<SurveyView | null> {
  const [row] = await desk.db
    .select({ survey: satisfactionSurveys, reference: cases.reference })
    .from(satisfactionSurveys)
    .innerJoin(cases, eq(cases.id, satisfactionSurveys.caseId))
    .where(eq(satisfactionSurveys.caseId, caseId))
    .orderBy(desc(satisfactionSurveys.sentAt))
    .limit(1);
  return row ? view(row.survey, row.reference) : null;
}

export interface CsatReport {
  from: string;
  to: string;
  sent: number;
  answered: number;
  /** Answered ÷ sent. */
  responseRate: number | null;
  /** Share of answers that are 4 or 5: the usual CSAT figure. */
  csat: number | null;
  average: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  byAgent: { agentId: string | null; name: string | null; answered: number; csat: number | null; average: number | null }[];
  byChannel: { channel: string; sent: number; answered: number; csat: number | null }[];
  /** The latest answers with a comment, or low scores, newest first. */
  recent: { caseId: string; reference: string; score: number; comment: string | null; agentId: string | null; channel: string; answeredAt: string }[];
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);
const mean = (scores: number[]) => (scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null);

/** Surveys sent in [from, to), with their answers. */
export async function csatReport(desk: Desk, from: Date, to: Date): Promise<CsatReport> {
  const rows = await desk.db
    .select({ survey: satisfactionSurveys, reference: cases.reference })
    .from(satisfactionSurveys)
    .innerJoin(cases, eq(cases.id, satisfactionSurveys.caseId))
    .where(and(gte(satisfactionSurveys.sentAt, from), lt(satisfactionSurveys.sentAt, to)))
    .orderBy(desc(satisfactionSurveys.sentAt));
  const answered = rows.filter((r) => r.survey.score !== null);
  const scores = (list: typeof rows) => list.map((r) => r.survey.score).filter((s): s is number => s !== null);
  const happy = (list: typeof rows) => scores(list).filter((s) => s >= 4).length;
  const agentIds = [...new Set(answered.map((r) => r.survey.agentId).filter((id): id is string => Boolean(id)))];
  const names = new Map(agentIds.length ? (await desk.db.select({ id: agents.id, name: agents.name }).from(agents).where(inArray(agents.id, agentIds))).map((a) => [a.id, a.name]) : []);
  const groupBy = <K>(list: typeof rows, key: (r: (typeof rows)[number]) => K) => {
    const map = new Map<K, typeof rows>();
    for (const r of list) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return map;
  };
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const s of scores(answered)) distribution[String(s) as keyof typeof distribution]++;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    sent: rows.length,
    answered: answered.length,
    responseRate: share(answered.length, rows.length),
    csat: share(happy(answered), answered.length),
    average: mean(scores(answered)),
    distribution,
    byAgent: [...groupBy(answered, (r) => r.survey.agentId)].map(([agentId, list]) => ({
      agentId,
      name: agentId ? (names.get(agentId) ?? null) : null,
      answered: list.length,
      csat: share(happy(list), list.length),
      average: mean(scores(list)),
    })),
    byChannel: [...groupBy(rows, (r) => r.survey.channel)].map(([channel, list]) => {
      const done = list.filter((r) => r.survey.score !== null);
      return { channel, sent: list.length, answered: done.length, csat: share(happy(done), done.length) };
    }),
    recent: answered
      .filter((r) => r.survey.comment || (r.survey.score ?? 5) <= 2)
      .sort((a, b) => b.survey.answeredAt!.getTime() - a.survey.answeredAt!.getTime())
      .slice(0, 50)
      .map((r) => ({ caseId: r.survey.caseId, reference: r.reference, score: r.survey.score!, comment: r.survey.comment, agentId: r.survey.agentId, channel: r.survey.channel, answeredAt: r.survey.answeredAt!.toISOString() })),
  };
}

/** Watches cases (resolved by a person → a survey) and chat replies (a bare rating answers it). */
export function setupSurveys(desk: Desk): void {
  desk.events.on('case.updated', async ({ case: kase, changes, actor }) => {
    if (!changes.includes('status_changed') || kase.status !== 'resolved') return;
    await offerSurvey(desk, kase, actor.kind === 'agent' ? actor.id : null);
  });
  answerInThreads(desk);
}

/** Runs the sweep every minute while the node lives (every node may: the case lock keeps it to one survey). */
export function startSurveySweeper(desk: Desk): void {
  const timer = setInterval(() => void sweepSurveys(desk).catch((error: unknown) => desk.log.warn({ err: error }, 'survey sweep failed; will retry')), 60_000);
  timer.unref();
  desk.onStop(() => clearInterval(timer));
}
