import type { ApiReply, Store } from '../types.js';
import type { Snapshot } from './conversation.js';
import { sapaWords, transient } from './model.js';
import type { ChatKey } from './strings.js';

// A signed-in customer's formal complaint about their case (server/src/modules/complaints): what the complaint view
// shows from Sapa's answer, what a failed submission means, and the draft kept in storage until it is filed.

/** The customer's copy of a complaint (GET/POST /cases/:id/complaint): no internal summary, no staff. */
export interface CustomerComplaint {
  id: string;
  reference: string;
  caseId: string;
  caseReference: string;
  caseSubject: string | null;
  status: 'open' | 'extended' | 'answered';
  overdue: boolean;
  dueSoon: boolean;
  desiredOutcome: string | null;
  /** Their own words; null when an agent registered it for them. */
  statement: string | null;
  locale: string;
  receivedAt: string;
  dueAt: string;
  /** The desk's time zone, where the deadline's day is counted. */
  timeZone: string;
  workingDaysLeft: number | null;
  extendedAt: string | null;
  extensionReason: string | null;
  answeredAt: string | null;
  answer: string | null;
  outcome: 'upheld' | 'partly_upheld' | 'not_upheld' | null;
}

/** One of the widget's sentences (redrawn in a new language), or Sapa's own words. */
export type Problem = { key: ChatKey } | { text: string };

/** Only a signed-in customer in a case may complain: Sapa has to know who complains, to answer and for a regulator. */
export const mayComplain = (s: Pick<Snapshot, 'contact' | 'caseView'>) => s.contact?.kind === 'customer' && !!s.caseView;

/**
 * What the view shows for the case's latest complaint: the complaint to follow, if any, and whether a new one may be
 * filed: when there is none, or when the last one was answered (a complaint about the answer is a new complaint).
 */
export function complaintScreen(latest: CustomerComplaint | null): { follow: CustomerComplaint | null; mayFile: boolean } {
  return { follow: latest, mayFile: !latest || latest.status === 'answered' };
}


/**
 * What a failed submission means for the customer. Unreachable (no answer, a timeout, 429, 5xx): nothing was lost,
 * try again with the same Idempotency-Key. `open`: the case has an unanswered complaint (filed elsewhere, or by an
 * agent), so the view fetches and shows it. Anything else: Sapa's refusal in its words.
 */
export function complaintProblem(reply: ApiReply<unknown> | null, online: boolean): { problem: Problem; retry?: true; open?: true } {
  if (!reply) return { problem: { key: online ? 'complaintUnreachable' : 'complaintOffline' }, retry: true };
  if (transient(reply.status)) return { problem: { key: 'complaintUnreachable' }, retry: true };
  const text = sapaWords(reply);
  if (reply.status === 409 && reply.error?.code === 'complaint_open') return { problem: text ? { text } : { key: 'complaintAlreadyOpen' }, open: true };
  return { problem: text ? { text } : { key: 'complaintRefused' } };
}

/** What the customer wrote and not yet filed; `key` is the Idempotency-Key of the attempt that may have reached Sapa. */
export interface ComplaintDraft {
  summary: string;
  desired: string;
  key?: string;
}

export const draftKey = (caseId: string) => `complaint:${caseId}`;

/** The stored draft, whatever storage holds (another version's shape, a hand edit): never throws. */
export function readDraft(store: Store, caseId: string): ComplaintDraft {
  const d = store.get<Partial<Record<keyof ComplaintDraft, unknown>>>(draftKey(caseId));
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return { summary: str(d?.summary), desired: str(d?.desired), ...(d && typeof d.key === 'string' && d.key ? { key: d.key } : {}) };
}

export const SUMMARY_MAX = 4000;
export const DESIRED_MAX = 1000;

/** The body of POST /cases/:id/complaint, or null when "what went wrong" is empty (the only required field). */
export function complaintBody(draft: ComplaintDraft): { summary: string; desiredOutcome?: string } | null {
  const summary = draft.summary.trim().slice(0, SUMMARY_MAX);
  const desired = draft.desired.trim().slice(0, DESIRED_MAX);
  return summary ? { summary, ...(desired ? { desiredOutcome: desired } : {}) } : null;
}
