// The API shapes the chat reads (a subset of server/src/modules/cases/views.ts and the assistant contract).

import type { ApiReply, Locale } from '../types.js';

/** A message's time: the hour today, else the date too. */
export const time = (iso: string, locale: Locale) => {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }) : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
};

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
  metadata?: Record<string, unknown> | null;
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

/** A satisfaction survey from GET/POST /surveys/:token (server/src/modules/csat). */
export interface SurveyView {
  caseId: string;
  reference: string;
  score: number | null;
  comment: string | null;
  answeredAt: string | null;
  expiresAt: string;
  expired: boolean;
}

/** The survey a message from Sapa asks (its `metadata.survey`), or null for any other message. */
export function surveyOf(m: MessageView): { token: string; expiresAt: string } | null {
  const survey = m.author.kind === 'system' && m.metadata ? (m.metadata.survey as { token?: unknown; expiresAt?: unknown } | null | undefined) : null;
  const token = survey && typeof survey.token === 'string' && /^[\w-]{20,64}$/.test(survey.token) ? survey.token : null;
  return token ? { token, expiresAt: typeof survey!.expiresAt === 'string' ? survey!.expiresAt : '' } : null;
}

/** The survey's question without its link (the card below it is the way to answer in the chat). */
export const surveyQuestion = (body: string, token: string) =>
  body
    .replace(new RegExp(`\\s*https?://\\S*/survey/${token}\\S*`, 'g'), '')
    .replace(/[\s:：]+$/, '');

/** Worth trying again later: no answer in time, too many requests, Sapa down or overloaded. */
export const transient = (status: number) => status === 408 || status === 425 || status === 429 || status >= 500;
/** Sapa's message for a refusal, or undefined when there was none (net.ts then says only "HTTP 403": a proxy's page). */
export const sapaWords = (reply: ApiReply<unknown>) => (reply.error && !/^HTTP \d+$/.test(reply.error.message) ? reply.error.message : undefined);
