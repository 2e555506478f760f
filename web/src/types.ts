// Shapes of the Sapa API as the console reads them (see /api/docs).
export type Locale = 'en' | 'id-ID' | 'zh-CN';
export const locales: readonly Locale[] = ['en', 'id-ID', 'zh-CN'];
export type Role = 'agent' | 'supervisor' | 'admin';
export type CaseStatus = 'open' | 'pending' | 'resolved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Channel = 'web' | 'app' | 'email' | 'whatsapp' | 'telegram' | 'phone' | 'forum';
export const caseStatuses: readonly CaseStatus[] = ['open', 'pending', 'resolved', 'closed'];
export const priorities: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
export const channels: readonly Channel[] = ['web', 'app', 'email', 'whatsapp', 'telegram', 'phone', 'forum'];

export interface User {
  id: string;
  kind: 'customer' | 'agent';
  role: string;
  name: string;
  email: string | null;
  locale: string;
  twoFactor: boolean;
}

export interface CaseView {
  id: string;
  reference: string;
  subject: string | null;
  status: CaseStatus;
  priority: Priority;
  category: string;
  channel: Channel;
  language: string;
  customerId: string | null;
  visitorId: string | null;
  assigneeId: string | null;
  tags: string[];
  transactionRef: string | null;
  messageCount: number;
  device: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  lastMessageAt: string;
  waitingSince: string | null;
  /** The assistant is still answering alone: not in the agents' queue. */
  withAssistant: boolean;
  firstResponseAt: string | null;
  resolvedAt: string | null;
}

export interface InboxCase extends CaseView {
  customerName: string | null;
  teamId: string | null;
}

export interface Attachment {
  id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  url: string;
}

export type AuthorKind = 'customer' | 'visitor' | 'agent' | 'assistant' | 'system';
export type DeliveryStatus = 'stored' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export interface MessageView {
  id: string;
  caseId: string;
  seq: number;
  author: { kind: AuthorKind; id: string | null; name: string | null };
  body: string;
  internal: boolean;
  clientMessageId: string;
  channel: Channel;
  deliveryStatus: DeliveryStatus;
  deliveryError?: string | null;
  attachments: Attachment[];
  metadata?: Record<string, unknown> | null;
  createdAt: string;
}

export interface HistoryItem {
  type: string;
  from: string | null;
  to: string | null;
  actorKind: string;
  actorId: string | null;
  at: string;
}

export interface Money {
  amount: number;
  currency: string;
}
export type TransactionStatus = 'pending' | 'succeeded' | 'failed' | 'reversed';
export interface WalletTransaction {
  ref: string;
  type: string;
  status: TransactionStatus;
  money: Money;
  counterparty: string | null;
  method: string | null;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface WalletAccount {
  walletRef: string;
  name: string;
  state: 'active' | 'restricted' | 'locked' | 'closed';
  stateReason: string | null;
  balance: Money;
  kycLevel: string;
}
export interface CaseContext {
  customer: { id: string; name: string; email: string | null; phone: string | null; locale: string; walletRef: string | null; since: string } | null;
  visitorDevice: Record<string, unknown> | null;
  wallet: { available: boolean; account: WalletAccount | null; recentTransactions: WalletTransaction[]; referencedTransaction: WalletTransaction | null };
  otherCases: CaseView[];
}

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  active: boolean;
  createdAt: string;
}

export interface Team {
  id: string;
  name: string;
  members: { id: string; name: string }[];
  createdAt: string;
}

export interface Canned {
  id: string;
  title: string;
  shortcut: string;
  bodies: Partial<Record<Locale, string>>;
  updatedAt: string;
}

export type PresenceStatus = 'online' | 'away' | 'offline';
export interface PresenceEntry {
  agentId: string;
  name: string;
  status: PresenceStatus;
}

export interface Counts {
  mine: number;
  unassigned: number;
  all: number;
  waiting: number;
  assistant: number;
  truncated: boolean;
}

export interface Preferences {
  sound: boolean;
  desktopNotifications: boolean;
  locale: Locale;
}

export interface KbHit {
  id: string;
  slug: string;
  title: string;
  snippet: string;
  locale: string;
  score: number;
  url?: string;
}

export interface Overview {
  generatedAt: string;
  truncated: boolean;
  totals: { open: number; pending: number; unassigned: number; waiting: number; oldestWaitingSince: string | null; withAssistant: number };
  byChannel: Record<string, number>;
  byCategory: Record<string, number>;
  byAge: Record<string, number>;
  byWaiting: Record<string, number>;
  agents: OverviewAgent[];
}
/** An agent on the queue overview; `load` counts the open and pending cases they hold (the assistant's aside). */
export interface OverviewAgent {
  agentId: string;
  name: string;
  role: string;
  status: PresenceStatus;
  lastSeenAt: string | null;
  load: number;
  /** Open cases held: what automatic assignment counts against its limit. */
  open: number;
  /** Pending cases held: they wait on the customer. */
  pending: number;
}

/** Automatic assignment (GET/PUT /routing/settings; server `routing/service.ts`). */
export interface RoutingSettings {
  autoAssign: boolean;
  maxOpenPerAgent: number;
}

/** The ways to reach support an admin configures (GET /support/settings; server `support/service.ts` channelIds). */
export type SupportChannelId = 'live_chat' | 'assistant' | 'email' | 'phone_callback' | 'security_line' | 'whatsapp' | 'telegram' | 'community_forum' | 'help_center';

export interface BusinessHours {
  alwaysOpen?: boolean;
  timezone?: string;
  windows?: { days: number[]; open: string; close: string }[];
}

export interface ChannelSetting {
  id: SupportChannelId;
  component: string | null;
  /** Offered to customers (listed by GET /support/channels). */
  enabled: boolean;
  hours: BusinessHours;
  expectedResponseMinutes: number;
  contact?: string;
  url?: string;
  /**
   * Why the channel cannot work on this Sapa (not configured: its messages cannot come in or replies cannot go out),
   * naming the settings to give, in the language asked for; null when it can. Customers see such a channel unavailable.
   */
  unavailable: string | null;
}

/** A day the support people are off (GET /support/settings, PUT /support/settings/holidays). */
export interface Holiday {
  /** YYYY-MM-DD, in the desk's time zone. */
  date: string;
  name: string;
}

export interface ChannelSettings {
  items: ChannelSetting[];
  timezone: string;
  /** By date: on each, every channel with business hours is closed all day (channels open 24/7 are not). */
  holidays: Holiday[];
}

/** The chat channels where the assistant can answer first (GET/PUT /support/settings/assistant). */
export type AssistantChannel = 'whatsapp' | 'telegram' | 'app';

export interface AssistantSettings {
  answersFirst: Record<AssistantChannel, boolean>;
  walletName: string | null;
  /** Per channel, why it cannot work on this Sapa (as ChannelSetting.unavailable), or null: answering first there reaches nobody. */
  unavailable: Record<AssistantChannel, string | null>;
}

/** The intent model the assistant reads messages with (GET/DELETE /assistant/model). */
export interface AssistantModelInfo {
  source: 'shipped' | 'retrained';
  id: string | null;
  trainedAt: string | null;
  /** The admin (agent id) who retrained it. */
  trainedBy: string | null;
  examples: number | null;
  /** Agents' corrections it was trained with. */
  corrections: number | null;
  /** Share of the shipped held-out messages it reads right (0–1); null for the shipped model. */
  heldOutAccuracy: number | null;
  /** Corrections made since the model in force was trained: what retraining would add. */
  newCorrections: number;
}

/** POST /assistant/model/retrain: installed only if the held-out split reads at most half a point worse. */
export interface RetrainResult {
  installed: boolean;
  heldOutAccuracy: number;
  /** The model in force before, on the same split. */
  previousAccuracy: number;
  examples: number;
  corrections: number;
  trainSeconds: number;
  model: AssistantModelInfo;
}

/** An agent's intent correction, a training example (GET /assistant/examples, newest first). */
export interface AssistantCorrection {
  id: string;
  text: string;
  intent: string;
  previousIntent: string | null;
  lang: string;
  caseId: string | null;
  createdAt: string;
}

/** A case's satisfaction survey (GET /cases/:id/satisfaction; the latest one sent, or null). */
export interface CsatSurvey {
  caseId: string;
  reference: string;
  /** The language the customer was asked in. */
  locale: string;
  /** 1 (very unhappy) to 5 (very happy); null until answered. */
  score: number | null;
  comment: string | null;
  sentAt: string;
  answeredAt: string | null;
  /** The answer can be given or changed until then. */
  expiresAt: string;
  expired: boolean;
}

/** Satisfaction over the surveys sent in [from, to) (GET /csat/report, supervisors). Ratios are 0–1, null without data. */
export interface CsatReport {
  from: string;
  to: string;
  sent: number;
  answered: number;
  /** Answered ÷ sent. */
  responseRate: number | null;
  /** The share of answers that are 4 or 5. */
  csat: number | null;
  average: number | null;
  /** Answers per score, "1" to "5". */
  distribution: Record<string, number>;
  /** By the agent credited (the assignee when resolved, else who resolved it); agentId null when nobody was. */
  byAgent: { agentId: string | null; name: string | null; answered: number; csat: number | null; average: number | null }[];
  byChannel: { channel: string; sent: number; answered: number; csat: number | null }[];
  /** The latest answers with a comment, and low scores (1–2), newest first. */
  recent: { caseId: string; reference: string; score: number; comment: string | null; agentId: string | null; channel: string; answeredAt: string }[];
}

/** GET /csat/settings (supervisors), PUT (admins). */
export interface CsatSettings {
  /** A survey is offered when a person resolves a case. */
  enabled: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// ------------------------------------------------------------------------------------------ service levels (sla module)

/** The three clocks of a case (server `sla/clock.ts`). */
export type SlaClockName = 'firstResponse' | 'nextResponse' | 'resolution';
export const slaClockNames: readonly SlaClockName[] = ['firstResponse', 'nextResponse', 'resolution'];
/** As history's `sla_breached` toValue and the report's breaches name them. */
export type SlaClockKey = 'first_response' | 'next_response' | 'resolution';

/**
 * One clock: `running` (not due yet), `paused` (resolution while pending: dueAt null, remainingMinutes left), `met`
 * (stopped in time), `breached` (past due; completedAt set if it stopped late, null while it still runs).
 */
export interface SlaClock {
  state: 'running' | 'paused' | 'met' | 'breached';
  targetMinutes: number;
  startedAt: string;
  dueAt: string | null;
  completedAt: string | null;
  breachedAt: string | null;
  /** Minutes left, counted as the policy counts them, while running or paused; null otherwise. */
  remainingMinutes: number | null;
}

/** A case's clocks (GET /cases/:id/sla, GET /sla/cases?ids=…). A clock is null when off, not started, or inactive. */
export interface CaseSla {
  caseId: string;
  priority: Priority;
  businessHours: boolean;
  /** False while the policy is off or the assistant still has the case. */
  active: boolean;
  firstResponse: SlaClock | null;
  nextResponse: SlaClock | null;
  resolution: SlaClock | null;
  /** The earliest dueAt of a running clock. */
  nextDueAt: string | null;
  breached: boolean;
}

export interface SlaTarget {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

/** GET /sla/policy (agents), PUT (admins; without countedHours). */
export interface SlaPolicy {
  enabled: boolean;
  businessHours: boolean;
  targets: Record<Priority, SlaTarget>;
  /** Which hours count, in the caller's language ("Daily 08:00–22:00 (Asia/Jakarta), except holidays" or "24/7"). */
  countedHours: string;
}

/** GET /sla/at-risk: open and pending cases with a clock overdue or due soon, overdue first. */
export interface SlaAtRisk {
  items: { case: CaseView; sla: CaseSla }[];
}

export interface SlaFigures {
  met: number;
  breached: number;
  running: number;
  /** met ÷ (met + breached), 0–1; null without either. */
  compliance: number | null;
}

/** GET /sla/report?from&to (supervisors): cases created in [from, to). */
export interface SlaReport {
  from: string;
  to: string;
  clocks: Record<SlaClockName, SlaFigures>;
  byPriority: Record<Priority, Record<SlaClockName, SlaFigures>>;
  /** How many cases were created in the period (what the figures count). */
  cases: number;
  /** The 20 latest breaches, newest first. */
  recentBreaches: { caseId: string; reference: string; subject: string | null; priority: Priority; clock: SlaClockKey; dueAt: string; breachedAt: string }[];
}
