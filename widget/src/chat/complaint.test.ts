import { describe, expect, it } from 'vitest';
import type { ApiReply, Store } from '../types.js';
import { complaintBody, complaintProblem, complaintScreen, mayComplain, readDraft, type CustomerComplaint } from './complaint.js';
import type { CaseView, Contact } from './model.js';

const complaint = (patch: Partial<CustomerComplaint> = {}): CustomerComplaint => ({
  id: 'k1',
  reference: 'CMP-AB23CD45',
  caseId: 'c1',
  caseReference: 'SP-AB12',
  caseSubject: null,
  status: 'open',
  overdue: false,
  dueSoon: false,
  desiredOutcome: null,
  statement: 'Charged twice',
  locale: 'en',
  receivedAt: '2026-03-02T07:00:00.000Z',
  dueAt: '2026-03-30T07:00:00.000Z',
  timeZone: 'Asia/Jakarta',
  workingDaysLeft: 20,
  extendedAt: null,
  extensionReason: null,
  answeredAt: null,
  answer: null,
  outcome: null,
  ...patch,
});

const reply = (status: number, error?: { code: string; message: string }): ApiReply<unknown> => ({ ok: status < 300, status, data: null, error, headers: new Headers() });

function memoryStore(values: Record<string, unknown> = {}): Store {
  const m = new Map(Object.entries(values));
  return { get: <T,>(k: string) => m.get(k) as T | undefined, set: (k, v) => (m.set(k, v), true), remove: (k) => void m.delete(k) };
}

describe('the complaint view', () => {
  it('is offered to a signed-in customer in a case, never to a guest', () => {
    const kase = { id: 'c1' } as CaseView;
    const customer: Contact = { kind: 'customer', id: 'u1', name: null };
    expect(mayComplain({ contact: customer, caseView: kase })).toBe(true);
    expect(mayComplain({ contact: customer, caseView: null })).toBe(false);
    expect(mayComplain({ contact: { ...customer, kind: 'visitor' }, caseView: kase })).toBe(false);
    expect(mayComplain({ contact: null, caseView: kase })).toBe(false);
  });

  it('offers the form when there is no complaint, follows an unanswered one, and allows a new one after an answer', () => {
    expect(complaintScreen(null)).toEqual({ follow: null, mayFile: true });
    const open = complaint();
    expect(complaintScreen(open)).toEqual({ follow: open, mayFile: false });
    const extended = complaint({ status: 'extended', extensionReason: 'We are waiting for the bank.' });
    expect(complaintScreen(extended)).toEqual({ follow: extended, mayFile: false });
    // A complaint about the answer is a new complaint.
    const answered = complaint({ status: 'answered', answer: 'Refunded.', outcome: 'upheld', answeredAt: '2026-03-10T07:00:00.000Z' });
    expect(complaintScreen(answered)).toEqual({ follow: answered, mayFile: true });
  });
});

describe('a failed submission', () => {
  it('without an answer, a timeout, 429 or 5xx: kept for a retry, said in our words (offline when the device is)', () => {
    expect(complaintProblem(null, true)).toEqual({ problem: { key: 'complaintUnreachable' }, retry: true });
    expect(complaintProblem(null, false)).toEqual({ problem: { key: 'complaintOffline' }, retry: true });
    for (const status of [408, 429, 500, 502, 503]) {
      expect(complaintProblem(reply(status, { code: 'unavailable', message: 'Service Unavailable' }), true)).toEqual({ problem: { key: 'complaintUnreachable' }, retry: true });
    }
  });

  it('409 complaint_open: the existing complaint is shown, with Sapa’s words', () => {
    const message = 'This case already has a formal complaint waiting for its answer.';
    expect(complaintProblem(reply(409, { code: 'complaint_open', message }), true)).toEqual({ problem: { text: message }, open: true });
    expect(complaintProblem(reply(409, { code: 'complaint_open', message: 'HTTP 409' }), true)).toEqual({ problem: { key: 'complaintAlreadyOpen' }, open: true });
  });

  it('any other refusal: Sapa’s message, or ours when a proxy answered without one', () => {
    const message = 'Sign in to make a formal complaint, or tell us here and an agent will register it for you.';
    expect(complaintProblem(reply(403, { code: 'complaint_needs_account', message }), true)).toEqual({ problem: { text: message } });
    expect(complaintProblem(reply(400, { code: 'invalid_input', message: 'summary: too long' }), true)).toEqual({ problem: { text: 'summary: too long' } });
    expect(complaintProblem(reply(403, { code: 'http_403', message: 'HTTP 403' }), true)).toEqual({ problem: { key: 'complaintRefused' } });
    // Another conflict is not "a complaint is open".
    expect(complaintProblem(reply(409, { code: 'case_closed', message: 'Closed.' }), true)).toEqual({ problem: { text: 'Closed.' } });
  });
});

describe('the complaint draft', () => {
  it('reads what storage holds, whatever its shape', () => {
    expect(readDraft(memoryStore(), 'c1')).toEqual({ summary: '', desired: '' });
    expect(readDraft(memoryStore({ 'complaint:c1': { summary: 'Charged twice', desired: 'A refund', key: 'cmp1' } }), 'c1')).toEqual({ summary: 'Charged twice', desired: 'A refund', key: 'cmp1' });
    expect(readDraft(memoryStore({ 'complaint:c1': { summary: 42, key: '' } }), 'c1')).toEqual({ summary: '', desired: '' });
    expect(readDraft(memoryStore({ 'complaint:c1': 'junk' }), 'c1')).toEqual({ summary: '', desired: '' });
    expect(readDraft(memoryStore({ 'complaint:c2': { summary: 'another case' } }), 'c1')).toEqual({ summary: '', desired: '' });
  });

  it('becomes the request body: what went wrong is required, the wish optional, both trimmed', () => {
    expect(complaintBody({ summary: '  ', desired: 'A refund' })).toBeNull();
    expect(complaintBody({ summary: ' Charged twice \n', desired: ' ' })).toEqual({ summary: 'Charged twice' });
    expect(complaintBody({ summary: 'Charged twice', desired: ' A refund ', key: 'cmp1' })).toEqual({ summary: 'Charged twice', desiredOutcome: 'A refund' });
    expect(complaintBody({ summary: 'x'.repeat(5000), desired: '' })!.summary).toHaveLength(4000);
  });
});
