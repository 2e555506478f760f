import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth.js';
import { isUniqueViolation } from '../../kernel/db/index.js';
import { settings } from '../../kernel/db/schema.js';
import type { Desk } from '../../kernel/desk.js';
import { conflict, forbidden, invalid, notFound, unprocessable } from '../../kernel/errors.js';
import { t, toLocale, type Locale } from '../../kernel/i18n.js';
import { getCase, postMessage, recordCaseHistory, systemPrincipal, updateCase } from '../cases/service.js';
import { ASSISTANT_TAG, HANDOFF_TAG, type CaseRow } from '../cases/views.js';
import { listAgents } from '../identity/service.js';
import { formatTime } from '../status/service.js';
import { addWorkingDays } from '../support/hours.js';
import { holidays } from '../support/service.js';
import { complaints } from './schema.js';

// Formal complaints: a case the customer wants treated as a complaint gets a complaint reference, an acknowledgement
// with the date of the written answer, a clock in working days (weekends and the desk's holidays do not count), a
// warning to the complaints team before the deadline and an escalation when it passes, one extension with a reason,
// and a written answer that tells the customer where to go if they disagree.

const SETTINGS_KEY = 'complaints.settings';
export const COMPLAINT_TAG = 'formal-complaint';

export interface ComplaintSettings {
  /** Working days from receipt to the written answer. */
  answerWorkingDays: number;
  /** Working days one extension adds (0: no extensions). */
  extensionWorkingDays: number;
  /** Working days before the deadline when the team is warned. */
  warnWorkingDays: number;
}

/**
 * Bank Indonesia's consumer-protection rules for payment-system providers (e-money issuers among them) give 20 working
 * days for the answer, extendable once by 20; a desk under another regulator sets its own.
 */
export const defaultComplaintSettings: ComplaintSettings = { answerWorkingDays: 20, extensionWorkingDays: 20, warnWorkingDays: 3 };

export async function complaintSettings(desk: Desk): Promise<ComplaintSettings> {
  const [row] = await desk.db.select().from(settings).where(eq(settings.key, SETTINGS_KEY));
  return { ...defaultComplaintSettings, ...((row?.value ?? {}) as Partial<ComplaintSettings>) };
}

/** New settings apply to complaints registered or extended from now on: a deadline told to a customer stays. */
export async function saveComplaintSettings(desk: Desk, value: ComplaintSettings): Promise<ComplaintSettings> {
  await desk.db.insert(settings).values({ key: SETTINGS_KEY, value, updatedAt: new Date() }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  return complaintSettings(desk);
}

type ComplaintRow = typeof complaints.$inferSelect;

export interface ComplaintView {
  id: string;
  reference: string;
  caseId: string;
  caseReference: string;
  caseSubject: string | null;
  status: 'open' | 'extended' | 'answered';
  /** Unanswered and past the deadline, or answered after it. */
  overdue: boolean;
  /** Unanswered, and the warning time (a few working days before the deadline) has come. */
  dueSoon: boolean;
  /** The agent's internal summary, or the customer's own account when they filed it (`filedBy`). */
  summary: string;
  desiredOutcome: string | null;
  locale: string;
  filedBy: ComplaintRow['filedBy'];
  registeredBy: { id: string; name: string } | null;
  receivedAt: string;
  dueAt: string;
  /** The desk's IANA time zone: working days and the deadline's day are counted there (customers elsewhere see it named). */
  timeZone: string;
  /** Whole working days from now to the deadline (0 on its day or after); null once answered. */
  workingDaysLeft: number | null;
  extendedAt: string | null;
  extensionReason: string | null;
  answeredAt: string | null;
  answeredBy: { id: string; name: string } | null;
  answer: string | null;
  outcome: ComplaintRow['outcome'];
}

/** What the customer sees of their complaint: no internal summary, no staff names; their own words if they filed it. */
export type CustomerComplaintView = Omit<ComplaintView, 'summary' | 'filedBy' | 'registeredBy' | 'answeredBy'> & { statement: string | null };

/** How long before its case was opened a complaint may have been received. */
export const EARLIEST_BEFORE_CASE_DAYS = 90;

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newReference = () => `CMP-${Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`;

interface Calendar {
  zone: string;
  days: Awaited<ReturnType<typeof holidays>>;
}
const calendarOf = async (desk: Desk): Promise<Calendar> => ({ zone: desk.config.SAPA_TIMEZONE, days: await holidays(desk) });

function workingDaysLeft(now: Date, due: Date, cal: Calendar): number {
  let left = 0;
  // At most the longest deadline there can be, so a far-away date cannot make this loop long.
  for (let at = now; left < 200; left++) {
    at = addWorkingDays(at, 1, cal.zone, cal.days);
    if (at > due) break;
  }
  return left;
}

async function present(desk: Desk, rows: ComplaintRow[], now = new Date()): Promise<ComplaintView[]> {
  if (!rows.length) return [];
  const [names, cal] = await Promise.all([listAgents(desk).then((all) => new Map(all.map((a) => [a.id, a.name]))), calendarOf(desk)]);
  const staff = (id: string | null) => (id ? { id, name: names.get(id) ?? id } : null);
  return Promise.all(
    rows.map(async (r) => {
      const kase = await getCase(desk, systemPrincipal, r.caseId);
      return {
        id: r.id,
        reference: r.reference,
        caseId: r.caseId,
        caseReference: kase.reference,
        caseSubject: kase.subject,
        status: r.answeredAt ? 'answered' : r.extendedAt ? 'extended' : 'open',
        overdue: (r.answeredAt ?? now) > r.dueAt,
        dueSoon: !r.answeredAt && r.warnAt <= now,
        summary: r.summary,
        desiredOutcome: r.desiredOutcome,
        locale: r.locale,
        filedBy: r.filedBy,
        registeredBy: staff(r.registeredBy),
        receivedAt: r.receivedAt.toISOString(),
        dueAt: r.dueAt.toISOString(),
        timeZone: cal.zone,
        workingDaysLeft: r.answeredAt ? null : workingDaysLeft(now, r.dueAt, cal),
        extendedAt: r.extendedAt?.toISOString() ?? null,
        extensionReason: r.extensionReason,
        answeredAt: r.answeredAt?.toISOString() ?? null,
        answeredBy: staff(r.answeredBy),
        answer: r.answer,
        outcome: r.outcome,
      } satisfies ComplaintView;
    }),
  );
}

export function forCustomer(view: ComplaintView): CustomerComplaintView {
  const { summary, filedBy, registeredBy: _registeredBy, answeredBy: _answeredBy, ...rest } = view;
  return { ...rest, statement: filedBy === 'customer' ? summary : null };
}

async function findComplaint(desk: Desk, id: string): Promise<ComplaintRow> {
  const [row] = await desk.db.select().from(complaints).where(eq(complaints.id, id));
  if (!row) throw notFound('complaint');
  return row;
}

export async function getComplaint(desk: Desk, id: string): Promise<ComplaintView> {
  const [view] = await present(desk, [await findComplaint(desk, id)]);
  return view;
}

/** The case's latest complaint, or null. */
export async function caseComplaint(desk: Desk, caseId: string): Promise<ComplaintView | null> {
  const [row] = await desk.db.select().from(complaints).where(eq(complaints.caseId, caseId)).orderBy(desc(complaints.createdAt)).limit(1);
  return row ? (await present(desk, [row]))[0] : null;
}

export interface RegisterInput {
  /** An agent's neutral summary, or the customer's own account of what went wrong. */
  summary: string;
  desiredOutcome?: string;
  /** When the customer complained, if before now (an email's date, a call); default now. */
  receivedAt?: Date;
  idempotencyKey?: string;
}

const localeOf = (kase: CaseRow): Locale => toLocale(kase.language) ?? 'en';
const when = (desk: Desk, locale: Locale, at: Date) => formatTime(locale, at, desk.config.SAPA_TIMEZONE);
type Agent = Extract<Principal, { kind: 'agent' }>;
type Customer = Extract<Principal, { kind: 'customer' }>;
const actorOf = (by: Agent | Customer) => (by.kind === 'agent' ? { kind: 'agent', id: by.agentId } : { kind: 'customer', id: by.customerId });

/**
 * Registers a formal complaint on a case, by an agent or by the case's owner: the deadline in working days from
 * receipt, the case marked (category `complaint`, tag `formal-complaint`, at least high priority, handed to people if
 * the assistant had it, open again if it was resolved or closed), and the customer acknowledged on the case's channel
 * in their language. A customer's own account goes on the case as their message too, so the conversation and its
 * transcript hold it. A retry with the same Idempotency-Key returns the complaint. Anonymous visitors cannot file one:
 * the answer and a regulator need to know who complains, so they are asked to sign in (or to tell an agent).
 */
export async function registerComplaint(desk: Desk, by: Principal, caseId: string, input: RegisterInput): Promise<{ created: boolean; complaint: ComplaintView }> {
  if (by.kind !== 'agent' && by.kind !== 'customer') {
    await getCase(desk, by, caseId); // not theirs: 404, as for any other case
    throw forbidden('complaint_needs_account');
  }
  const kase = await getCase(desk, by, caseId);
  if (by.kind === 'customer' && input.receivedAt) throw invalid('invalid_input', [{ field: 'body.receivedAt', message: 'only agents date a complaint received earlier' }]);
  if (input.idempotencyKey) {
    const [again] = await desk.db.select().from(complaints).where(and(eq(complaints.caseId, kase.id), eq(complaints.creationKey, input.idempotencyKey)));
    if (again) return { created: false, complaint: (await present(desk, [again]))[0] };
  }
  const now = new Date();
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw unprocessable('complaint_received_in_future', { field: 'body.receivedAt' });
  const locale = localeOf(kase);
  // A complaint that came by letter or phone may be registered weeks later, on its case (even past its deadline: the
  // regulator's clock started when it was received); one dated months before the case existed is a typo (a wrong year)
  // that would tell the customer a deadline long past.
  const earliest = new Date(kase.createdAt.getTime() - EARLIEST_BEFORE_CASE_DAYS * 86_400_000);
  if (receivedAt < earliest) {
    throw unprocessable('complaint_received_too_early', { field: 'body.receivedAt', days: EARLIEST_BEFORE_CASE_DAYS, earliest: earliest.toISOString(), earliestText: when(desk, by.kind === 'agent' ? by.locale : locale, earliest) });
  }
  const [rules, cal] = await Promise.all([complaintSettings(desk), calendarOf(desk)]);
  let row: ComplaintRow | undefined;
  for (let attempt = 0; !row; attempt++) {
    try {
      [row] = await desk.db
        .insert(complaints)
        .values({
          id: randomUUID(),
          reference: newReference(),
          caseId: kase.id,
          summary: input.summary.trim(),
          desiredOutcome: input.desiredOutcome?.trim() || null,
          locale,
          filedBy: by.kind,
          registeredBy: by.kind === 'agent' ? by.agentId : null,
          receivedAt,
          dueAt: addWorkingDays(receivedAt, rules.answerWorkingDays, cal.zone, cal.days),
          warnAt: addWorkingDays(receivedAt, Math.max(0, rules.answerWorkingDays - rules.warnWorkingDays), cal.zone, cal.days),
          creationKey: input.idempotencyKey ?? null,
        })
        .returning();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The case's unanswered complaint, or a raced retry of this very request: which one decides the answer.
      const [open] = await desk.db.select().from(complaints).where(and(eq(complaints.caseId, kase.id), isNull(complaints.answeredAt)));
      if (open && input.idempotencyKey && open.creationKey === input.idempotencyKey) return { created: false, complaint: (await present(desk, [open]))[0] };
      if (open) throw conflict('complaint_open', { complaintId: open.id, reference: open.reference });
      if (attempt >= 3) throw error; // a reference collision three times over is not chance
    }
  }
  // A complaint is for people: a case the assistant was still answering goes to the queue.
  const tags = [...new Set([...kase.tags, COMPLAINT_TAG, ...(kase.tags.includes(ASSISTANT_TAG) ? [HANDOFF_TAG] : [])])];
  const priority = kase.priority === 'urgent' ? 'urgent' : 'high';
  const reopen = kase.status === 'resolved' || kase.status === 'closed' ? { status: 'open' as const } : {};
  await updateCase(desk, systemPrincipal, kase.id, { category: 'complaint', tags, priority, ...reopen }, actorOf(by));
  if (by.kind === 'customer') {
    const desired = row.desiredOutcome ? `\n\n${t(locale, 'complaint.statement.desired', { desired: row.desiredOutcome })}` : '';
    await postMessage(desk, by, kase.id, {
      body: `${row.summary}${desired}`,
      clientMessageId: `complaint:${row.id}:statement`,
      metadata: { complaint: { id: row.id, reference: row.reference, statement: true } },
    });
  }
  await recordCaseHistory(desk, kase.id, 'complaint_registered', row.reference, actorOf(by));
  await tellCustomer(desk, row, 'ack', t(locale, 'complaint.ack', { reference: row.reference, received: when(desk, locale, row.receivedAt), due: when(desk, locale, row.dueAt) }));
  return { created: true, complaint: (await present(desk, [row]))[0] };
}

/** Said by Sapa on the case's channel (channels/service.ts sends outbound system messages like replies). */
async function tellCustomer(desk: Desk, row: ComplaintRow, what: string, body: string): Promise<void> {
  await postMessage(desk, systemPrincipal, row.caseId, {
    body,
    clientMessageId: `complaint:${row.id}:${what}`,
    authorKind: 'system',
    metadata: { complaint: { id: row.id, reference: row.reference, dueAt: row.dueAt.toISOString() }, outbound: true },
  });
}

/** Extends the deadline once, with the reason the customer is told (supervisors). */
export async function extendComplaint(desk: Desk, agent: Agent, id: string, reason: string): Promise<ComplaintView> {
  const before = await findComplaint(desk, id);
  if (before.answeredAt) throw conflict('complaint_answered');
  if (before.extendedAt) throw conflict('complaint_already_extended');
  const [rules, cal] = await Promise.all([complaintSettings(desk), calendarOf(desk)]);
  if (rules.extensionWorkingDays <= 0) throw unprocessable('complaint_no_extension');
  const dueAt = addWorkingDays(before.dueAt, rules.extensionWorkingDays, cal.zone, cal.days);
  const warnAt = addWorkingDays(before.dueAt, Math.max(0, rules.extensionWorkingDays - rules.warnWorkingDays), cal.zone, cal.days);
  // Conditional on still being unanswered and unextended, so two supervisors at once extend it once.
  const [row] = await desk.db
    .update(complaints)
    .set({ dueAt, warnAt, warnedAt: null, overdueAt: null, extendedAt: new Date(), extensionReason: reason.trim() })
    .where(and(eq(complaints.id, id), isNull(complaints.answeredAt), isNull(complaints.extendedAt)))
    .returning();
  if (!row) throw conflict('complaint_already_extended');
  await recordCaseHistory(desk, row.caseId, 'complaint_extended', row.dueAt.toISOString(), actorOf(agent));
  const locale = (toLocale(row.locale) ?? 'en') as Locale;
  const sentence = /[.!?。！？]$/.test(row.extensionReason!) ? row.extensionReason! : `${row.extensionReason}${locale === 'zh-CN' ? '。' : '.'}`;
  await tellCustomer(desk, row, 'extended', t(locale, 'complaint.extended', { reference: row.reference, reason: sentence, due: when(desk, locale, row.dueAt) }));
  return (await present(desk, [row]))[0];
}

export interface AnswerInput {
  answer: string;
  outcome: NonNullable<ComplaintRow['outcome']>;
}

/**
 * The written answer (supervisors): sent to the customer as the supervisor's reply on the case's channel, with where to
 * go if they disagree; the complaint is answered and the case resolved (a reply from the customer reopens it).
 */
export async function answerComplaint(desk: Desk, agent: Agent, id: string, input: AnswerInput): Promise<ComplaintView> {
  const answeredAt = new Date();
  const [row] = await desk.db
    .update(complaints)
    .set({ answeredAt, answeredBy: agent.agentId, answer: input.answer.trim(), outcome: input.outcome })
    .where(and(eq(complaints.id, id), isNull(complaints.answeredAt)))
    .returning();
  if (!row) {
    await findComplaint(desk, id); // 404 when there is no such complaint
    throw conflict('complaint_answered');
  }
  const locale = (toLocale(row.locale) ?? 'en') as Locale;
  await postMessage(desk, agent, row.caseId, {
    body: `${row.answer}\n\n${t(locale, 'complaint.answer.footer', { reference: row.reference })}`,
    clientMessageId: `complaint:${row.id}:answer`,
    metadata: { complaint: { id: row.id, reference: row.reference, outcome: row.outcome } },
  });
  await recordCaseHistory(desk, row.caseId, 'complaint_answered', row.outcome, actorOf(agent));
  const kase = await getCase(desk, systemPrincipal, row.caseId);
  if (kase.status !== 'resolved' && kase.status !== 'closed') await updateCase(desk, agent, row.caseId, { status: 'resolved' });
  return (await present(desk, [row]))[0];
}

export interface ComplaintQuery {
  state: 'open' | 'due_soon' | 'overdue' | 'answered' | 'all';
  limit: number;
  /** The last item's position, from the previous page. */
  cursor?: string;
}

/** Complaints for the complaints team: open ones by deadline (soonest first), answered ones newest first. */
export async function listComplaints(desk: Desk, q: ComplaintQuery, now = new Date()): Promise<{ items: ComplaintView[]; nextCursor: string | null }> {
  const conditions: SQL[] = [];
  const answered = q.state === 'answered';
  if (answered) conditions.push(isNotNull(complaints.answeredAt));
  else if (q.state !== 'all') conditions.push(isNull(complaints.answeredAt));
  if (q.state === 'due_soon') conditions.push(lte(complaints.warnAt, now));
  if (q.state === 'overdue') conditions.push(lte(complaints.dueAt, now));
  const key = answered ? complaints.answeredAt : complaints.dueAt;
  if (q.cursor) {
    const [at, id] = Buffer.from(q.cursor, 'base64url').toString().split('|');
    if (at && id && !Number.isNaN(Date.parse(at))) {
      conditions.push(answered ? sql`(${key}, ${complaints.id}) < (${at}::timestamptz, ${id})` : sql`(${key}, ${complaints.id}) > (${at}::timestamptz, ${id})`);
    }
  }
  const found = await desk.db
    .select()
    .from(complaints)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(answered ? desc(key) : asc(key), answered ? desc(complaints.id) : asc(complaints.id))
    .limit(q.limit + 1);
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  const lastKey = last ? (answered ? last.answeredAt : last.dueAt) : null;
  return {
    items: await present(desk, page, now),
    nextCursor: found.length > q.limit && last && lastKey ? Buffer.from(`${lastKey.toISOString()}|${last.id}`).toString('base64url') : null,
  };
}

/**
 * Warns the team when a deadline is near and escalates when it passes (history `complaint_due_soon`, then
 * `complaint_overdue` with the case raised to urgent), once each across all nodes: the conditional update decides.
 */
export async function sweepComplaints(desk: Desk, now = new Date()): Promise<number> {
  const warned = await desk.db
    .update(complaints)
    .set({ warnedAt: now })
    .where(and(isNull(complaints.answeredAt), isNull(complaints.warnedAt), lte(complaints.warnAt, now)))
    .returning();
  for (const row of warned) await recordCaseHistory(desk, row.caseId, 'complaint_due_soon', row.dueAt.toISOString());
  const overdue = await desk.db
    .update(complaints)
    .set({ overdueAt: now })
    .where(and(isNull(complaints.answeredAt), isNull(complaints.overdueAt), lte(complaints.dueAt, now)))
    .returning();
  for (const row of overdue) {
    await recordCaseHistory(desk, row.caseId, 'complaint_overdue', row.dueAt.toISOString());
    await updateCase(desk, systemPrincipal, row.caseId, { priority: 'urgent' }, { kind: 'system', id: null });
  }
  return warned.length + overdue.length;
}

export function startComplaintSweeper(desk: Desk): void {
  const timer = setInterval(() => void sweepComplaints(desk).catch((error: unknown) => desk.log.warn({ err: error }, 'complaint sweep failed; will retry')), 60_000);
  timer.unref();
  desk.onStop(() => clearInterval(timer));
}
