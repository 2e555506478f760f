import { ApiError } from './api';
import { t } from './i18n';

// Formal complaints (the server's complaints module): the shapes the console reads, and how a complaint's deadline,
// state and outcome read in words.

export type ComplaintStatus = 'open' | 'extended' | 'answered';
export type ComplaintOutcome = 'upheld' | 'partly_upheld' | 'not_upheld';
export const complaintOutcomes: readonly ComplaintOutcome[] = ['upheld', 'partly_upheld', 'not_upheld'];
/** The list's filters (GET /complaints?state=…), in the order the tabs show them. */
export const complaintStates = ['open', 'due_soon', 'overdue', 'answered', 'all'] as const;
export type ComplaintState = (typeof complaintStates)[number];

export interface Complaint {
  id: string;
  reference: string;
  caseId: string;
  caseReference: string;
  caseSubject: string | null;
  status: ComplaintStatus;
  /** Unanswered and past the deadline, or answered after it. */
  overdue: boolean;
  /** Unanswered, and the warning time (a few working days before the deadline) has come. */
  dueSoon: boolean;
  /** The agent's internal summary, or the customer's own account when they filed it themselves. */
  summary: string;
  desiredOutcome: string | null;
  locale: string;
  filedBy: 'agent' | 'customer';
  registeredBy: { id: string; name: string } | null;
  receivedAt: string;
  dueAt: string;
  /** Whole working days from now to the deadline (0 on its day or after); null once answered. */
  workingDaysLeft: number | null;
  extendedAt: string | null;
  extensionReason: string | null;
  answeredAt: string | null;
  answeredBy: { id: string; name: string } | null;
  answer: string | null;
  outcome: ComplaintOutcome | null;
}

export interface ComplaintPage {
  items: Complaint[];
  nextCursor: string | null;
}

export interface ComplaintSettings {
  answerWorkingDays: number;
  extensionWorkingDays: number;
  warnWorkingDays: number;
}
export const complaintSettingKeys: readonly (keyof ComplaintSettings)[] = ['answerWorkingDays', 'extensionWorkingDays', 'warnWorkingDays'];
/** The server's bounds (PUT /complaints/settings), for the inputs' min and max. */
export const complaintSettingBounds: Record<keyof ComplaintSettings, { min: number; max: number }> = {
  answerWorkingDays: { min: 1, max: 90 },
  extensionWorkingDays: { min: 0, max: 90 },
  warnWorkingDays: { min: 0, max: 30 },
};

/** The internal knowledge-base article that says how agents handle a formal complaint. */
export const PLAYBOOK_SLUG = 'agent-complaint-handling-playbook';
export const playbookUrl = (locale: string) => `/help/${locale}/articles/${PLAYBOOK_SLUG}`;

/** The warning a complaint carries, if any: overdue first; an answered one only if it was answered after its deadline. */
export function complaintWarning(c: Pick<Complaint, 'overdue' | 'dueSoon' | 'status'>): 'overdue' | 'dueSoon' | 'answeredLate' | null {
  if (c.overdue) return c.status === 'answered' ? 'answeredLate' : 'overdue';
  if (c.dueSoon && c.status !== 'answered') return 'dueSoon';
  return null;
}

export const complaintStatusLabel = (s: ComplaintStatus) => t(`complaint.status.${s}`);
export const outcomeLabel = (o: ComplaintOutcome) => t(`complaint.outcome.${o}`);

/** "3 working days left", "1 working day left", "due today", "past due"; nothing once answered. */
export function daysLeftText(c: Pick<Complaint, 'workingDaysLeft' | 'overdue' | 'status'>): string | null {
  if (c.status === 'answered' || c.workingDaysLeft === null) return null;
  if (c.overdue) return t('complaint.pastDue');
  if (c.workingDaysLeft <= 0) return t('complaint.dueToday');
  return c.workingDaysLeft === 1 ? t('complaint.daysLeft.one') : t('complaint.daysLeft.other', { n: c.workingDaysLeft });
}

/** A date-time input's value ("2026-03-02T10:05", local time) for a moment. */
export function localInputValue(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}T${p(at.getHours())}:${p(at.getMinutes())}`;
}

/** A date-time input's value as an ISO time, or null when it is not a date. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** What the server refused, and which of the form's fields it names (a 400's `body.summary`, a 422's `field`). */
export interface Refusal {
  message: string;
  code: string;
  fields: Map<string, string>;
  details: unknown;
}

export function refusalOf(e: unknown): Refusal {
  if (!(e instanceof ApiError)) return { message: String(e), code: 'error', fields: new Map(), details: undefined };
  const fields = new Map<string, string>();
  const name = (raw: unknown) => (typeof raw === 'string' ? raw.replace(/^body\./, '').split('.')[0] : '');
  const d = e.details;
  if (Array.isArray(d)) {
    // A 400's details name the fields; its per-field messages are the validator's English, so the form says its own.
    for (const f of d as { field?: unknown }[]) {
      const field = name(f?.field);
      if (field) fields.set(field, e.message);
    }
  } else if (d && typeof d === 'object' && 'field' in d) {
    const field = name(d.field);
    if (field) fields.set(field, e.message);
  }
  return { message: e.message, code: e.code, fields, details: d };
}

/** The existing complaint a 409 complaint_open names. */
export function openComplaintOf(r: Refusal): { complaintId: string; reference: string } | null {
  const d = r.details as { complaintId?: unknown; reference?: unknown } | undefined;
  return r.code === 'complaint_open' && d && typeof d.reference === 'string' ? { complaintId: String(d.complaintId ?? ''), reference: d.reference } : null;
}

/** How long before its case was opened a complaint may have been received (the server refuses earlier dates). */
export const EARLIEST_BEFORE_CASE_DAYS = 90;
