import { createHash, randomUUID } from 'node:crypto';
import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { AppError, conflict, invalid, notFound, tooMany, unprocessable } from '../../kernel/errors.js';
import { negotiateLocale, t, type Locale } from '../../kernel/i18n.js';
import { enqueue } from '../../kernel/jobs.js';
import { createCase, getCase, listCases, postMessage, systemPrincipal } from '../cases/service.js';
import type { CaseRow } from '../cases/views.js';
import { canReach, contactCustomer, customerPrincipal, dispatch, resolveContact } from '../channels/service.js';
import { ensureVisitor, findCustomerContact, normalisePhone } from '../identity/service.js';
import { defaultHours, formatSlot, inHours, localDate, slotsOfDay, type PhoneHours } from './hours.js';
import * as store from './store.js';

export const REMINDER_QUEUE = 'callbacks.reminder';
/** How soon a callback can be booked, and how long before the slot the reminder goes out. */
const LEAD_MINUTES = 15;
const REMINDER_MINUTES = 30;
const MAX_RETRIES = 2;
const BOOKING_DAYS = 30;
const PER_REQUESTER_PER_HOUR = 5;
const PER_PHONE_PER_DAY = 3;

export interface CallbackView {
  id: string;
  caseId: string;
  reference: string;
  /** Who to ask for on the call: the name given at booking, else the owning customer's at the time; null if neither. */
  name: string | null;
  /** The customer whose account the callback is on; null for one booked without signing in (see bookCallback). */
  customerId: string | null;
  phone: string;
  locale: string;
  topic: string;
  slot: string;
  status: store.CallbackRow['status'];
  outcome: string | null;
  notes: string | null;
  attempt: number;
  retryOf: string | null;
  agentId: string | null;
  createdAt: string;
  updatedAt: string;
}

async function view(desk: Desk, row: store.CallbackRow): Promise<CallbackView> {
  const c = await getCase(desk, systemPrincipal, row.caseId);
  return {
    id: row.id,
    caseId: row.caseId,
    reference: c.reference,
    name: row.name,
    customerId: row.customerId,
    phone: row.phone,
    locale: row.locale,
    topic: row.topic,
    slot: row.slotAt.toISOString(),
    status: row.status,
    outcome: row.outcome,
    notes: row.notes,
    attempt: row.attempt,
    retryOf: row.retryOf,
    agentId: row.agentId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// ------------------------------------------------------------------------------------------ slots

export async function phoneHours(desk: Desk): Promise<PhoneHours> {
  return { ...defaultHours, ...((await store.setting<Partial<PhoneHours>>(desk.db, 'callbacks.hours')) ?? {}) };
}

const tz = (desk: Desk) => desk.config.SAPA_TIMEZONE;

export interface Slot {
  start: string;
  local: string;
  available: number;
}

/** Free slots of one local date: in hours, far enough ahead, not full. */
export async function freeSlots(desk: Desk, date: string, now = new Date()): Promise<Slot[]> {
  const hours = await phoneHours(desk);
  const starts = slotsOfDay(date, hours, tz(desk)).filter((s) => s.getTime() >= now.getTime() + LEAD_MINUTES * 60_000);
  if (!starts.length) return [];
  const booked = await store.bookedSlots(desk.db, starts[0], new Date(starts[starts.length - 1].getTime() + 1));
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: tz(desk), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return starts
    .map((s) => ({ start: s.toISOString(), local: fmt.format(s), available: hours.capacity - (booked.get(s.getTime()) ?? 0) }))
    .filter((s) => s.available > 0);
}

/** The next free slots from a time on (up to two weeks ahead). */
export async function nextFreeSlots(desk: Desk, from: Date, count = 5): Promise<Slot[]> {
  const out: Slot[] = [];
  for (let d = 0; d < 14 && out.length < count; d++) {
    for (const s of await freeSlots(desk, localDate(from, tz(desk), d), from)) {
      if (out.length < count) out.push(s);
    }
  }
  return out;
}

async function checkSlot(desk: Desk, slot: Date, exceptId?: string): Promise<void> {
  const now = Date.now();
  const hours = await phoneHours(desk);
  const nextSlots = () => nextFreeSlots(desk, new Date(Math.max(now, Math.min(slot.getTime(), now + BOOKING_DAYS * 86400_000)) - 1));
  // A time already gone is its own error: "outside phone hours" would send people looking at the hours instead.
  if (slot.getTime() < now) throw unprocessable('slot_passed', { reason: 'passed', timezone: tz(desk), nextSlots: await nextSlots() });
  const soon = slot.getTime() < now + LEAD_MINUTES * 60_000;
  const bookable = inHours(slot, hours, tz(desk)) && !soon && slot.getTime() <= now + BOOKING_DAYS * 86400_000;
  const full = bookable && ((await store.bookedSlots(desk.db, slot, new Date(slot.getTime() + 1), exceptId)).get(slot.getTime()) ?? 0) >= hours.capacity;
  if (!bookable || full) {
    throw unprocessable('slot_unavailable', {
      reason: full ? 'full' : soon ? 'too_soon' : slot.getTime() > now + BOOKING_DAYS * 86400_000 ? 'too_far' : 'outside_hours',
      timezone: tz(desk),
      hours: { days: hours.days, open: hours.open, close: hours.close, slotMinutes: hours.slotMinutes },
      nextSlots: await nextSlots(),
    });
  }
}

// ------------------------------------------------------------------------------------------ booking

export interface BookInput {
  phone: string;
  locale?: string;
  topic: string;
  slot: string;
  name?: string;
}

function validPhone(input: string): string {
  const phone = normalisePhone(input);
  if (!/^\+\d{8,15}$/.test(phone)) throw invalid('invalid_input', [{ field: 'body.phone', message: 'a phone number with 8 to 15 digits' }]);
  return phone;
}

/** Tells the customer on the case, and by email/WhatsApp when Sapa can reach them there. */
async function tellCustomer(desk: Desk, caseRow: CaseRow, body: string, clientMessageId: string, metadata: Record<string, unknown>) {
  const posted = await postMessage(desk, systemPrincipal, caseRow.id, { body, clientMessageId, authorKind: 'system', metadata: { ...metadata, outbound: false } });
  if (!posted.created) return;
  for (const channel of ['email', 'whatsapp'] as const) {
    if (await canReach(desk, channel, caseRow)) await dispatch(desk, posted.message.id, channel, caseRow.id);
  }
}

async function logForAgents(desk: Desk, caseId: string, body: string, clientMessageId: string, metadata: Record<string, unknown>) {
  await postMessage(desk, systemPrincipal, caseId, { body, clientMessageId, authorKind: 'system', internal: true, metadata: { ...metadata, outbound: false } });
}

async function scheduleReminder(desk: Desk, row: store.CallbackRow) {
  const runAt = new Date(Math.max(Date.now(), row.slotAt.getTime() - REMINDER_MINUTES * 60_000));
  await enqueue(desk.db, REMINDER_QUEUE, { callbackId: row.id, slot: row.slotAt.toISOString() }, { runAt, uniqueKey: `callback-reminder:${row.id}:${row.slotAt.toISOString()}`, maxAttempts: 5 });
}

/**
 * Books a phone callback: the slot must be free and within phone hours (else 422 with the next free slots). It opens
 * a case on channel `phone`, confirms on the case (and by email/WhatsApp when known) and schedules a reminder.
 */
export async function bookCallback(desk: Desk, p: Principal | undefined, input: BookInput, meta: { ip: string; idempotencyKey?: string }): Promise<{ created: boolean; callback: CallbackView }> {
  const requester = p ? `${p.kind}:${p.kind === 'agent' ? p.agentId : p.kind === 'customer' ? p.customerId : p.visitorId}` : `ip:${meta.ip}`;
  const key = meta.idempotencyKey ? `${requester}:${meta.idempotencyKey}` : undefined;
  if (key) {
    const seen = await store.byIdempotencyKey(desk.db, key);
    if (seen) return { created: false, callback: await view(desk, seen) };
  }
  const phone = validPhone(input.phone);
  const slot = new Date(input.slot);
  if (Number.isNaN(slot.getTime())) throw invalid('invalid_input', [{ field: 'body.slot', message: 'an ISO 8601 date-time' }]);
  if (p?.kind !== 'agent') {
    const hourAgo = new Date(Date.now() - 3600_000);
    if ((await store.countSince(desk.db, 'requester', requester, hourAgo)) >= PER_REQUESTER_PER_HOUR) throw tooMany(3600, 'rate_limited');
    if ((await store.countSince(desk.db, 'phone', phone, new Date(Date.now() - 86400_000))) >= PER_PHONE_PER_DAY) throw tooMany(3600, 'rate_limited');
  }
  await checkSlot(desk, slot);
  const locale: Locale = negotiateLocale(input.locale, p?.locale);
  const when = formatSlot(slot, locale, tz(desk));

  // Who owns the case. A signed-in customer or a widget visitor owns theirs; an agent books for the customer of that
  // number. Anyone else only typed a number, which proves nothing: the case is their own (a fresh visitor's), never
  // a customer's, else anyone could plant text in a stranger's history. A customer with that number is only a hint.
  let owner: Principal;
  let customerId: string | null = null;
  if (p?.kind === 'agent') {
    customerId = (await resolveContact(desk, 'phone', phone, { phone, name: input.name, locale })).customerId;
    owner = p;
  } else if (p) {
    owner = p;
    if (p.kind === 'customer') customerId = p.customerId;
  } else {
    // A retry with the same Idempotency-Key must find the same owner, so that it replays the same case.
    const visitorId = await ensureVisitor(desk, key ? uuidOf(`callback-visitor:${key}`) : undefined, { source: 'callback' });
    owner = { kind: 'visitor', visitorId, locale, sessionId: 'callback' };
  }
  const id = randomUUID();
  const opened = await createCase(desk, owner, {
    channel: 'phone',
    viaChannel: true,
    subject: input.topic.slice(0, 120),
    locale,
    customerId: p?.kind === 'agent' ? (customerId ?? undefined) : undefined,
    idempotencyKey: `callback:${key ?? id}`,
    message: { body: t(locale, 'callbacks.request', { when, phone, topic: input.topic }), clientMessageId: `callback:${key ?? id}` },
    messageMetadata: { callback: { id, phone, slot: slot.toISOString() } },
  });
  const ownerId = opened.case.customerId ?? customerId;
  // The name given, else (a customer's own callback) their account's: never a name found by the number alone.
  const name = input.name?.trim() || (ownerId ? (await contactCustomer(desk, ownerId))?.name : undefined) || null;
  const inserted = await store.insertCallback(desk.db, {
    id,
    caseId: opened.case.id,
    customerId: ownerId,
    name,
    phone,
    locale,
    topic: input.topic,
    slotAt: slot,
    idempotencyKey: key ?? null,
    requester,
  });
  if (!inserted && key) {
    // The same request raced itself: the other one booked it.
    const winner = await store.byIdempotencyKey(desk.db, key);
    if (winner) return { created: false, callback: await view(desk, winner) };
  }
  const row = (await store.getCallback(desk.db, id))!;
  const caseRow = await getCase(desk, systemPrincipal, row.caseId);
  await tellCustomer(desk, caseRow, t(locale, 'callbacks.confirmation', { when, phone, reference: caseRow.reference }), `callback-confirm:${id}`, { callback: { id, event: 'confirmed' } });
  await scheduleReminder(desk, row);
  if (p?.kind !== 'agent' && p?.kind !== 'customer') await noteUnverified(desk, row, locale, input.name);
  return { created: true, callback: await view(desk, row) };
}

/** A UUID-shaped id named by a string (RFC 4122 version 5 layout over SHA-256). */
function uuidOf(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Tells agents (internal note) that nobody verified who booked, and which customer the number belongs to, if any: a
 * lead for the call, not ownership. The case stays out of that customer's account and their channels.
 */
async function noteUnverified(desk: Desk, row: store.CallbackRow, locale: Locale, name: string | undefined) {
  const known = await findCustomerContact(desk, { phone: row.phone });
  const who = name?.trim();
  await logForAgents(desk, row.caseId, who ? t(locale, 'callbacks.unverified', { phone: row.phone, name: who }) : t(locale, 'callbacks.unverified_unnamed', { phone: row.phone }), `callback-unverified:${row.id}`, {
    callback: { id: row.id, event: 'unverified', name: who || null },
  });
  if (known) {
    await logForAgents(desk, row.caseId, t(locale, 'callbacks.known_number', { phone: row.phone, customer: known.name, customerId: known.id }), `callback-known-number:${row.id}`, {
      callback: { id: row.id, event: 'unverified_match', matchedCustomerId: known.id, verified: false },
    });
  }
}

export async function runReminder(desk: Desk, payload: { callbackId: string; slot: string }) {
  const row = await store.getCallback(desk.db, payload.callbackId);
  // Cancelled, done or moved since: this reminder is stale (a moved callback has its own).
  if (!row || row.status !== 'scheduled' || row.slotAt.toISOString() !== payload.slot) return;
  const caseRow = await getCase(desk, systemPrincipal, row.caseId);
  const locale = negotiateLocale(row.locale);
  await tellCustomer(desk, caseRow, t(locale, 'callbacks.reminder', { when: formatSlot(row.slotAt, locale, tz(desk)), phone: row.phone }), `callback-reminder:${row.id}:${payload.slot}`, {
    callback: { id: row.id, event: 'reminder' },
  });
}

// ------------------------------------------------------------------------------------------ agents

export interface ListInput {
  status?: store.CallbackRow['status'][];
  from?: string;
  to?: string;
  phone?: string;
  limit?: number;
  cursor?: string;
}

export async function listCallbacks(desk: Desk, q: ListInput): Promise<{ items: CallbackView[]; nextCursor: string | null; timeZone: string }> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 100);
  let cursor: { at: Date; id: string } | undefined;
  if (q.cursor) {
    const [at, id] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
    if (!id || Number.isNaN(Date.parse(at))) throw invalid('invalid_input', [{ field: 'query.cursor', message: 'unknown cursor' }]);
    cursor = { at: new Date(at), id };
  }
  const found = await store.listCallbacks(desk.db, {
    status: q.status,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    phone: q.phone ? normalisePhone(q.phone) : undefined,
    limit,
    cursor,
  });
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await Promise.all(page.map((r) => view(desk, r))),
    nextCursor: found.length > limit && last ? Buffer.from(`${last.slotAt.toISOString()}|${last.id}`).toString('base64url') : null,
    timeZone: tz(desk),
  };
}

export interface UpdateInput {
  status?: store.CallbackRow['status'];
  outcome?: string;
  notes?: string;
  slot?: string;
}

export interface UpdatedCallback extends CallbackView {
  /** The retry booked when this update recorded "missed" (at the next free slot, at most twice), else null. */
  retry: CallbackView | null;
}

/**
 * An agent records what happened: completed, missed (a retry is booked at the next free slot, at most twice),
 * cancelled, or a new slot. Every change is logged on the case; the customer hears about what concerns them. The
 * callback comes back as recorded, with the retry it booked.
 */
export async function updateCallback(desk: Desk, agent: Principal, id: string, input: UpdateInput): Promise<UpdatedCallback> {
  if (agent.kind !== 'agent') throw new AppError(403, 'forbidden');
  const row = await store.getCallback(desk.db, id);
  if (!row) throw notFound();
  const agentId = agent.agentId === 'system' ? null : agent.agentId;
  const locale = negotiateLocale(row.locale);
  const caseRow = await getCase(desk, systemPrincipal, row.caseId);
  const changingStatus = input.status && input.status !== row.status;
  if ((changingStatus || input.slot) && row.status !== 'scheduled') throw conflict('callback_closed', { status: row.status });
  const values: Partial<store.CallbackRow> = {};
  if (input.outcome !== undefined) values.outcome = input.outcome;
  if (input.notes !== undefined) values.notes = input.notes;
  if (agentId) values.agentId = agentId;

  if (input.slot && !changingStatus) {
    const slot = new Date(input.slot);
    if (Number.isNaN(slot.getTime())) throw invalid('invalid_input', [{ field: 'body.slot', message: 'an ISO 8601 date-time' }]);
    await checkSlot(desk, slot, row.id);
    values.slotAt = slot;
    const updated = await store.updateCallback(desk.db, id, values);
    const when = formatSlot(slot, locale, tz(desk));
    await tellCustomer(desk, caseRow, t(locale, 'callbacks.rescheduled', { when }), `callback-moved:${id}:${slot.toISOString()}`, { callback: { id, event: 'rescheduled' } });
    await scheduleReminder(desk, updated);
    return { ...(await view(desk, updated)), retry: null };
  }

  if (!changingStatus) return { ...(await view(desk, Object.keys(values).length ? await store.updateCallback(desk.db, id, values) : row)), retry: null };
  values.status = input.status;
  const updated = await store.updateCallback(desk.db, id, values);
  const log = { callback: { id, event: input.status, outcome: input.outcome ?? null } };
  await logForAgents(desk, row.caseId, t(locale, `callbacks.log.${input.status}`, { outcome: input.outcome ?? '-', notes: input.notes ?? '-', attempt: row.attempt }), `callback-log:${id}:${input.status}`, log);
  if (input.status === 'cancelled') {
    await tellCustomer(desk, caseRow, t(locale, 'callbacks.cancelled', { reference: caseRow.reference }), `callback-cancelled:${id}`, log);
  }
  if (input.status === 'missed') {
    if (row.attempt <= MAX_RETRIES) {
      const [next] = await nextFreeSlots(desk, new Date(Date.now() + 2 * 3600_000 - LEAD_MINUTES * 60_000), 1);
      if (next) {
        const retryId = randomUUID();
        await store.insertCallback(desk.db, {
          id: retryId,
          caseId: row.caseId,
          customerId: row.customerId,
          name: row.name,
          phone: row.phone,
          locale: row.locale,
          topic: row.topic,
          slotAt: new Date(next.start),
          attempt: row.attempt + 1,
          retryOf: row.id,
        });
        const retry = (await store.getCallback(desk.db, retryId))!;
        await scheduleReminder(desk, retry);
        await tellCustomer(desk, caseRow, t(locale, 'callbacks.retry', { when: formatSlot(retry.slotAt, locale, tz(desk)), phone: row.phone }), `callback-retry:${id}`, { callback: { id: retryId, event: 'retry', retryOf: id } });
        return { ...(await view(desk, updated)), retry: await view(desk, retry) };
      }
    }
    await tellCustomer(desk, caseRow, t(locale, 'callbacks.gave_up', { reference: caseRow.reference }), `callback-gave-up:${id}`, log);
  }
  return { ...(await view(desk, updated)), retry: null };
}

// ------------------------------------------------------------------------------------------ telephony webhook

export interface CallReport {
  callId: string;
  from: string;
  to: string;
  direction: 'inbound' | 'outbound';
  duration?: number;
  recordingUrl?: string;
  startedAt?: string;
  status?: string;
  callbackId?: string;
}

/**
 * Logs a call the telephony system reports on the case of that phone's customer: the callback it answers, else their
 * latest open case, else a new phone case. Each callId is logged once.
 */
export async function recordCall(desk: Desk, report: CallReport): Promise<{ duplicate: boolean; caseId: string }> {
  const seen = await store.findCall(desk.db, report.callId);
  if (seen) return { duplicate: true, caseId: seen.caseId };
  const phone = normalisePhone(report.direction === 'inbound' ? report.from : report.to);
  const clientMessageId = `call:${report.callId}`.slice(0, 300);
  const minutes = report.duration ? `${Math.floor(report.duration / 60)}m ${report.duration % 60}s` : '-';
  const metadata = { call: { ...report, phone }, outbound: false };
  let caseRow: CaseRow | undefined;
  const callback = report.callbackId ? await store.getCallback(desk.db, report.callbackId) : await store.latestForPhone(desk.db, phone);
  if (callback) caseRow = await getCase(desk, systemPrincipal, callback.caseId).catch(() => undefined);
  if (!caseRow || caseRow.status === 'closed') {
    const contact = await resolveContact(desk, 'phone', phone, { phone });
    const open = await listCases(desk, systemPrincipal, { customerId: contact.customerId, status: ['open', 'pending'], limit: 1 });
    caseRow = open.items[0] ? await getCase(desk, systemPrincipal, open.items[0].id) : undefined;
    if (!caseRow) {
      const locale = negotiateLocale((await getCustomerLocale(desk, contact.customerId)) ?? 'en');
      const opened = await createCase(desk, customerPrincipal(contact.customerId, locale), {
        channel: 'phone',
        viaChannel: true,
        subject: t(locale, 'calls.subject', { phone }),
        idempotencyKey: clientMessageId,
        message: { body: t(locale, `calls.log.${report.direction}`, { phone, duration: minutes, status: report.status ?? '-', recording: report.recordingUrl ?? '-' }), clientMessageId },
        messageMetadata: metadata,
      });
      await store.insertCall(desk.db, callRow(report, opened.case.id, opened.message.id));
      return { duplicate: !opened.created, caseId: opened.case.id };
    }
  }
  const locale = negotiateLocale(caseRow.language);
  const posted = await postMessage(desk, systemPrincipal, caseRow.id, {
    body: t(locale, `calls.log.${report.direction}`, { phone, duration: minutes, status: report.status ?? '-', recording: report.recordingUrl ?? '-' }),
    clientMessageId,
    authorKind: 'system',
    internal: true,
    channel: 'phone',
    metadata,
  });
  await store.insertCall(desk.db, callRow(report, caseRow.id, posted.message.id));
  return { duplicate: !posted.created, caseId: caseRow.id };
}

const callRow = (r: CallReport, caseId: string, messageId: string) => ({
  callId: r.callId,
  caseId,
  messageId,
  direction: r.direction,
  fromNumber: r.from,
  toNumber: r.to,
  durationSeconds: r.duration ?? null,
  recordingUrl: r.recordingUrl ?? null,
  status: r.status ?? null,
  startedAt: r.startedAt ? new Date(r.startedAt) : null,
});

async function getCustomerLocale(desk: Desk, customerId: string) {
  return (await contactCustomer(desk, customerId))?.locale;
}
