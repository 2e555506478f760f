// The API shapes the chat reads (a subset of server/src/modules/cases/views.ts and the assistant contract).

export interface AttachmentView {
  id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  url: string;
}

export interface MessageView {
  id: string;
  caseId: string;
  seq: number;
  author: { kind: string; id: string | null; name: string | null };
  body: string;
  internal?: boolean;
  clientMessageId: string;
  channel?: string;
  deliveryStatus?: string;
  attachments: AttachmentView[];
  createdAt: string;
}

export interface CaseView {
  id: string;
  reference: string;
  subject: string | null;
  status: 'open' | 'pending' | 'resolved' | 'closed';
  customerId?: string | null;
  visitorId?: string | null;
  lastMessageAt: string;
  createdAt: string;
}

export interface Article {
  slug?: string;
  title: string;
  url?: string;
}

export interface AssistantReply {
  intent?: string;
  confidence?: number;
  lang?: string;
  reply: string;
  articles?: Article[];
  handoff?: boolean;
  caseId?: string | null;
}

export interface Contact {
  kind: 'visitor' | 'customer';
  id: string;
  name: string | null;
}

/** Messages the customer wrote (as a visitor or as an identified customer). */
export const isMine = (m: { author: { kind: string } }) => m.author.kind === 'visitor' || m.author.kind === 'customer';
