import type { Principal } from '../../kernel/auth.js';
import type { Desk } from '../../kernel/desk.js';
import { conflict, unprocessable } from '../../kernel/errors.js';
import { t, toLocale } from '../../kernel/i18n.js';
import { getCase, postMessage, systemPrincipal, updateCase } from './service.js';
import * as store from './store.js';
import { caseView, type CaseRow, type CaseView } from './views.js';

const sameRequester = (a: CaseRow, b: CaseRow) => (a.customerId !== null && a.customerId === b.customerId) || (a.visitorId !== null && a.visitorId === b.visitorId);

/**
 * Merges a duplicate case into another of the same customer, as agents do in Zendesk: the duplicate keeps its whole
 * record (messages, attachments, history) and is closed, after telling the customer on its channel where the
 * conversation continues; the surviving case gets a note linking the two, and the transaction the duplicate named
 * when it had none. Nothing is copied or moved, so the evidence of each conversation stays as it was written.
 */
export async function mergeCase(desk: Desk, agent: Principal, sourceId: string, targetId: string): Promise<{ case: CaseView; merged: CaseView }> {
  const source = await getCase(desk, agent, sourceId);
  const target = await getCase(desk, agent, targetId);
  if (source.id === target.id) throw unprocessable('merge_same_case');
  if (source.status === 'closed' || target.status === 'closed') throw conflict('case_closed');
  if (!sameRequester(source, target)) throw unprocessable('merge_other_customer');
  const by = agent.kind === 'agent' ? { kind: 'agent', id: agent.agentId } : { kind: 'system', id: null };

  const sourceLocale = toLocale(source.language) ?? 'en';
  await postMessage(desk, systemPrincipal, target.id, {
    body: `Merged from ${source.reference} (${source.channel}, opened ${source.createdAt.toISOString()}): its messages stay on that case's record; the conversation continues here.`,
    clientMessageId: `merged-from:${source.id}`,
    internal: true,
    authorKind: 'system',
    metadata: { mergedFrom: { caseId: source.id, reference: source.reference } },
  });
  if (source.transactionRef && !target.transactionRef) await updateCase(desk, agent, target.id, { transactionRef: source.transactionRef });
  await store.recordCaseEvent(desk.db, { caseId: target.id, type: 'merged_from', fromValue: source.reference, toValue: target.reference, actorKind: by.kind, actorId: by.id });
  // Said to the customer on the duplicate's own channel, like a reply, before it closes.
  await postMessage(desk, systemPrincipal, source.id, {
    body: t(sourceLocale, 'case.merged_notice', { reference: source.reference, target: target.reference }),
    clientMessageId: `merged-into:${target.id}`,
    authorKind: 'system',
    metadata: { mergedInto: { caseId: target.id, reference: target.reference }, outbound: true },
  });
  await store.recordCaseEvent(desk.db, { caseId: source.id, type: 'merged', fromValue: source.reference, toValue: target.reference, actorKind: by.kind, actorId: by.id });
  const merged = await updateCase(desk, agent, source.id, { status: 'closed' });
  const survivor = caseView(await getCase(desk, agent, target.id));
  desk.events.emit('case.merged', { source: merged, target: survivor });
  return { case: survivor, merged };
}

/**
 * Where a closed case's conversation continues: the case it was merged into (following merges of merges), or null when
 * it was not merged. Channels that thread by their own ids (an email reply to the duplicate) use it to land there.
 */
export async function continuedIn(desk: Desk, row: CaseRow): Promise<CaseRow | null> {
  let current = row;
  for (let hop = 0; hop < 5 && current.status === 'closed'; hop++) {
    const merge = (await store.caseEventsOf(desk.db, current.id)).filter((e) => e.type === 'merged').at(-1);
    const next = merge?.toValue ? await store.findCaseByReference(desk.db, merge.toValue) : undefined;
    if (!next) break;
    current = next;
  }
  return current === row ? null : current;
}
