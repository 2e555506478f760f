import type { CaseView, MessageView } from './views.js';

declare module '../../kernel/events.js' {
  interface DomainEvents {
    'case.created': { case: CaseView; firstMessage: MessageView };
    'case.updated': { case: CaseView; changes: string[]; actor: { kind: string; id: string | null } };
    'message.created': { case: CaseView; message: MessageView };
    'message.delivery': { caseId: string; messageId: string; seq: number; status: MessageView['deliveryStatus']; error?: string | null };
    /** A duplicate case was merged into another (`merge.ts`): chat threads that pointed at it follow it there. */
    'case.merged': { source: CaseView; target: CaseView };
  }
}
