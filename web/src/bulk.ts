import { ApiError } from './api';
import type { CaseStatus, CaseView } from './types';

// Bulk actions on the inbox: which cases are ticked, and sending one change to all of them (POST /cases/bulk).

/** The cases ticked in the inbox, by id; never mutated, so React sees each change. */
export type Selection = ReadonlySet<string>;
export const noSelection: Selection = new Set();

export function toggle(selection: Selection, id: string): Selection {
  const next = new Set(selection);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** The "Select all shown" box: all of them, or none of them when every one is already ticked. */
export function toggleAllShown(selection: Selection, shown: readonly string[]): Selection {
  if (headerState(selection, shown) === 'all') {
    const next = new Set(selection);
    for (const id of shown) next.delete(id);
    return next;
  }
  return new Set([...selection, ...shown]);
}

/** What the "Select all shown" box shows: ticked, empty, or mixed (indeterminate). */
export function headerState(selection: Selection, shown: readonly string[]): 'none' | 'some' | 'all' {
  const ticked = shown.filter((id) => selection.has(id)).length;
  return ticked === 0 ? 'none' : ticked === shown.length ? 'all' : 'some';
}

/** Keeps only the cases still shown: one that left the view (merged, resolved elsewhere) quietly leaves the selection. */
export function prune(selection: Selection, shown: readonly string[]): Selection {
  if (!selection.size) return selection;
  const present = new Set(shown);
  const kept = [...selection].filter((id) => present.has(id));
  // The same object when nothing left, so a list refresh does not re-render the bar.
  return kept.length === selection.size ? selection : new Set(kept);
}

/** The server takes at most this many cases per request. */
export const BULK_MAX = 100;

export function chunks<T>(items: readonly T[], size = BULK_MAX): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface BulkChange {
  status?: CaseStatus;
  assigneeId?: string | null;
  priority?: CaseView['priority'];
  category?: string;
  addTags?: string[];
  removeTags?: string[];
}
export interface BulkFailure {
  id: string;
  code: string;
  message: string;
}
export interface BulkResult {
  updated: CaseView[];
  failed: BulkFailure[];
}

/**
 * Sends the change in chunks the server accepts, one after another, and adds up the answers. A chunk the server
 * refuses as a whole (422 unknown_assignee, the network) counts its cases and those not yet sent as failed with that
 * message: the cases stay selected for another try, and what earlier chunks changed stays changed.
 */
export async function sendBulk(ids: readonly string[], change: BulkChange, post: (body: { ids: string[]; change: BulkChange }) => Promise<BulkResult>): Promise<BulkResult> {
  const result: BulkResult = { updated: [], failed: [] };
  const parts = chunks(ids);
  for (let i = 0; i < parts.length; i++) {
    try {
      const answer = await post({ ids: parts[i], change });
      result.updated.push(...answer.updated);
      result.failed.push(...answer.failed);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'network_error';
      const message = error instanceof Error ? error.message : String(error);
      for (const id of parts.slice(i).flat()) result.failed.push({ id, code, message });
      break;
    }
  }
  return result;
}

/** The failures as the agent reads them: the case's reference when the list knows it, and the server's reason. */
export function describeFailures(failed: readonly BulkFailure[], referenceOf: (id: string) => string | undefined): { id: string; reference: string; message: string }[] {
  return failed.map((f) => ({ id: f.id, reference: referenceOf(f.id) ?? f.id, message: f.message }));
}

/** The failures by reason, for a short message: "SP-1, SP-2: That agent does not exist…". */
export function failuresByReason(failed: readonly { reference: string; message: string }[]): { message: string; references: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const f of failed) groups.set(f.message, [...(groups.get(f.message) ?? []), f.reference]);
  return [...groups].map(([message, references]) => ({ message, references }));
}

/** After an action, only the cases that failed stay selected (to try again or look at). */
export const afterBulk = (result: BulkResult): Selection => new Set(result.failed.map((f) => f.id));
