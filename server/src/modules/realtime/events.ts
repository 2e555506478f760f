import type { Principal } from '../../kernel/auth.js';
import type { CaseView, MessageView } from '../cases/views.js';
import type { PresenceEntry, Viewer } from './presence.js';
import type { ReceiptKind } from './store.js';

/** Who did something, as clients see it. */
export interface Author {
  kind: 'customer' | 'visitor' | 'agent';
  id: string;
  name: string | null;
}

export interface AckError {
  ok: false;
  error: { code: string; message: string; details?: unknown };
}
export type Ack = (reply: ({ ok: true } & Record<string, unknown>) | AckError) => void;

/** Events the server sends (the contract in README.md). */
export interface ServerToClientEvents {
  message: (message: MessageView) => void;
  typing: (event: { caseId: string; author: Author; typing: boolean }) => void;
  receipt: (event: { caseId: string; seq: number; kind: ReceiptKind; by: { kind: Author['kind']; id: string } }) => void;
  viewing: (event: { caseId: string; agents: Viewer[] }) => void;
  presence: (event: PresenceEntry) => void;
  'presence:list': (entries: PresenceEntry[]) => void;
  'case:created': (event: { case: CaseView }) => void;
  /** `actor` (who made the change) only to agents: a customer's copy does not name the team's people. */
  'case:updated': (event: { case: CaseView; changes: string[]; actor?: { kind: string; id: string | null } }) => void;
  'message:delivery': (event: { caseId: string; messageId: string; seq: number; status: MessageView['deliveryStatus'] }) => void;
  'session:expired': () => void;
}

/** Every client event carries one payload and an optional acknowledgement callback; payloads are validated. */
export type ClientToServerEvents = Record<
  'subscribe' | 'unsubscribe' | 'message:send' | 'typing' | 'receipt' | 'viewing' | 'presence:set' | 'inbox:subscribe' | 'inbox:unsubscribe',
  (payload: unknown, ack?: unknown) => void
>;

// Node-to-node traffic only uses the relay (see relay.ts), never Socket.IO's serverSideEmit.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

/** Kept with the socket (and in connection-recovery sessions): who it is. Never the token itself. */
export interface SocketData {
  principal: Principal;
  author: Author;
}

/** What one node tells the others through the adapter's stream. */
export type RelayEnvelope =
  | {
      kind: 'message';
      message: MessageView;
      /** Announced again (a retried send); only subscriptions take it. */
      again?: boolean;
      /** When the announcing node sent it (ms since epoch), for the transit-time metric. */
      at?: number;
    }
  | { kind: 'presence'; agentId: string; status?: 'online' | 'away' }
  | { kind: 'viewing'; caseId: string };

export const rooms = {
  case: (caseId: string) => `case:${caseId}`,
  caseAgents: (caseId: string) => `case:${caseId}:agents`,
  inbox: 'inbox',
  agents: 'agents',
  agent: (id: string) => `agent:${id}`,
  customer: (id: string) => `customer:${id}`,
  visitor: (id: string) => `visitor:${id}`,
  /** No socket ever joins it: broadcasts to it are the relay between nodes. */
  relay: 'sapa:relay',
};

/** Rooms of the people a case belongs to (the same rule as who may read it). */
export function ownerRooms(c: Pick<CaseView, 'customerId' | 'visitorId'>): string[] {
  if (c.customerId) return [rooms.customer(c.customerId)];
  if (c.visitorId) return [rooms.visitor(c.visitorId)];
  return [];
}
