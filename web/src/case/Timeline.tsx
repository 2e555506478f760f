import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError, api } from '../api';
import { channelIcon, Icon } from '../components/Icon';
import { Avatar, toast } from '../components/ui';
import { dateTime, time } from '../format';
import { t, tKey } from '../i18n';
import { clockLabel } from '../sla';
import { useConsole } from '../state';
import { categories, categoryLabel, channelLabel, priorityLabel, statusLabel } from '../taxonomy';
import type { CaseView, HistoryItem, MessageView } from '../types';
import { AttachmentView } from './Attachment';

export interface PendingMessage {
  clientMessageId: string;
  body: string;
  internal: boolean;
  state: 'sending' | 'failed';
  error?: string;
  attachmentIds: string[];
  createdAt: string;
}

type Entry = { at: string; key: string } & ({ kind: 'message'; m: MessageView } | { kind: 'history'; h: HistoryItem });

interface Props {
  kase: CaseView;
  messages: MessageView[];
  pending: PendingMessage[];
  history: HistoryItem[];
  customerName: string | null;
  locale: string;
  onRetry: (p: PendingMessage) => void;
}

export function Timeline({ kase, messages, pending, history, customerName, locale, onRetry }: Props) {
  const c = useConsole();
  const end = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  const entries: Entry[] = [
    ...messages.map((m): Entry => ({ kind: 'message', m, at: m.createdAt, key: `m${m.seq}` })),
    ...history.filter((h) => h.type !== 'created').map((h, i): Entry => ({ kind: 'history', h, at: h.at, key: `h${i}` })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.kind === 'message' ? -1 : 1));

  // Follow new messages only when the agent is already at the bottom; never yank them away from what they read.
  useLayoutEffect(() => {
    if (stick.current) end.current?.scrollIntoView({ block: 'end' });
  }, [entries.length, pending.length]);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [kase.id]);

  // The customer message each assistant reply answered: what a correction of the reply's intent is about.
  const answered = new Map<string, string>();
  let lastInbound: string | undefined;
  for (const m of messages) {
    if (m.author.kind === 'customer' || m.author.kind === 'visitor') lastInbound = m.id;
    else if (m.author.kind === 'assistant' && lastInbound) answered.set(m.id, lastInbound);
  }

  const actor = (kind: string, id: string | null) =>
    kind === 'agent' ? (id === c.me.id ? t('history.you') : (c.agentName(id) ?? t('history.anAgent'))) : kind === 'customer' || kind === 'visitor' ? (customerName ?? t('case.customer')) : kind === 'assistant' ? t('author.assistant') : 'Sapa';

  return (
    <div
      className="timeline"
      ref={scroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
      role="log"
      aria-label={t('case.timeline')}
      // Scrollable: keyboard users reach it to scroll it, even when nothing inside it takes focus.
      tabIndex={0}
    >
      <div className="timeline-start">
        <Icon name={channelIcon[kase.channel] ?? 'globe'} size={14} />
        {t('timeline.opened', { channel: channelLabel(kase.channel), when: dateTime(kase.createdAt, locale) })}
      </div>
      {entries.map((e) =>
        e.kind === 'message' ? (
          <Message key={e.key} m={e.m} customerName={customerName} locale={locale} answered={answered.get(e.m.id)} />
        ) : (
          <div key={e.key} className="event-line">
            <span className="event-dot" aria-hidden="true" />
            <span>{historyText(e.h, actor(e.h.actorKind, e.h.actorId), c.agentName, locale)}</span>
            <time dateTime={e.h.at} title={dateTime(e.h.at, locale)}>
              {time(e.h.at, locale)}
            </time>
          </div>
        ),
      )}
      {pending.map((p) => (
        <div key={p.clientMessageId} className={`message out${p.internal ? ' note' : ''} pending`}>
          <div className="bubble">
            {p.internal && <div className="note-label">{t('message.internal')}</div>}
            <div className="message-body">{p.body}</div>
          </div>
          <div className="message-foot">
            {p.state === 'sending' ? (
              <span className="delivery">
                <Icon name="clock" size={12} /> {t('delivery.sending')}
              </span>
            ) : (
              <span className="delivery failed" role="alert">
                <Icon name="alert" size={12} /> {p.error ?? t('delivery.failed')}{' '}
                <button type="button" className="link-button" onClick={() => onRetry(p)}>
                  {t('common.retry')}
                </button>
              </span>
            )}
          </div>
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}

function Message({ m, customerName, locale, answered }: { m: MessageView; customerName: string | null; locale: string; answered?: string }) {
  const c = useConsole();
  // Sapa's own notices to the customer (a survey, a complaint's acknowledgement, a merge) went out on the channel like a
  // reply: drawn as one, with its delivery, not as an event line.
  const notice = m.author.kind === 'system' && !m.internal && m.metadata?.outbound === true;
  if (m.author.kind === 'system' && !notice) {
    const meta = m.metadata ?? {};
    const text =
      meta.kind === 'team_transfer'
        ? meta.teamName
          ? t('timeline.teamTransferred', { team: String(meta.teamName), agent: String(meta.byAgentName ?? '') })
          : t('timeline.teamRemoved', { agent: String(meta.byAgentName ?? '') })
        : m.body;
    return (
      <div className="event-line system">
        <Icon name="layers" size={12} />
        <span>{text}</span>
        <time dateTime={m.createdAt} title={dateTime(m.createdAt, locale)}>
          {time(m.createdAt, locale)}
        </time>
      </div>
    );
  }
  const inbound = m.author.kind === 'customer' || m.author.kind === 'visitor';
  const name =
    m.author.kind === 'agent'
      ? m.author.id === c.me.id
        ? t('history.you')
        : (m.author.name ?? c.agentName(m.author.id) ?? t('author.agent'))
      : m.author.kind === 'assistant'
        ? t('author.assistant')
        : notice
          ? t('author.sapa')
          : (customerName ?? (m.author.kind === 'visitor' ? t('case.visitor') : t('case.customer')));
  return (
    <article className={`message ${inbound ? 'in' : 'out'}${m.internal ? ' note' : ''}${m.author.kind === 'assistant' ? ' assistant' : ''}`} aria-label={m.internal ? t('message.internalBy', { name }) : name}>
      {inbound && <Avatar id={m.author.id ?? m.caseId} name={name} size={28} />}
      <div className="message-main">
        <header className="message-head">
          <span className="message-author">{name}</span>
          <span className="message-channel" title={channelLabel(m.channel)}>
            <Icon name={channelIcon[m.channel] ?? 'globe'} size={11} /> {channelLabel(m.channel)}
          </span>
          <time dateTime={m.createdAt} title={dateTime(m.createdAt, locale)}>
            {time(m.createdAt, locale)}
          </time>
        </header>
        <div className="bubble">
          {m.internal && (
            <div className="note-label">
              <Icon name="lock" size={11} /> {t('message.internal')}
            </div>
          )}
          {m.body && <div className="message-body">{m.body}</div>}
          {m.attachments.length > 0 && (
            <div className="attachments">
              {m.attachments.map((a) => (
                <AttachmentView key={a.id} a={a} locale={locale} />
              ))}
            </div>
          )}
        </div>
        {inbound && <AppealIdentity m={m} />}
        {!inbound && !m.internal && (m.author.kind === 'agent' || notice) && <Delivery m={m} />}
        {m.author.kind === 'assistant' && typeof m.metadata?.intent === 'string' && answered && (
          <IntentLine m={m} intent={m.metadata.intent} customerMessageId={answered} />
        )}
      </div>
    </article>
  );
}

const appealFields = ['name', 'contact', 'dateOfBirth', 'idNumberLast4'] as const;

/**
 * An account appeal's identity details (the troubleshooter's form, the appeal API), as the customer typed them, for the
 * agent who verifies them against the wallet's records; the message text only names which were given.
 */
function AppealIdentity({ m }: { m: MessageView }) {
  const identity = (m.metadata?.appeal as { identity?: Partial<Record<(typeof appealFields)[number], unknown>> } | undefined)?.identity;
  const given = identity ? appealFields.filter((f) => typeof identity[f] === 'string' && identity[f]) : [];
  if (!identity || !given.length) return null;
  return (
    <section className="appeal-identity" aria-label={t('appeal.identityTitle')}>
      <h4>
        <Icon name="lock" size={11} /> {t('appeal.identityTitle')}
      </h4>
      <dl>
        {given.map((f) => (
          <div key={f}>
            <dt>{t(`appeal.${f}`)}</dt>
            <dd>{String(identity[f])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

// Intents an agent can choose: the taxonomy's (the case-only "other" is not one the assistant can learn).
const intents = categories.filter((id) => id !== 'other');

/** What the assistant understood from the customer's message, and the agent's correction: a new training example. */
function IntentLine({ m, intent, customerMessageId }: { m: MessageView; intent: string; customerMessageId: string }) {
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState(intent);
  const [saving, setSaving] = useState(false);
  const [corrected, setCorrected] = useState<string | null>(null);
  const confidence = typeof m.metadata?.confidence === 'number' ? `${Math.round(m.metadata.confidence * 100)}%` : '–';
  const save = async () => {
    setSaving(true);
    try {
      await api.post('/assistant/corrections', { caseId: m.caseId, messageId: customerMessageId, intent: choice });
      setCorrected(choice);
      setEditing(false);
      toast(t('assistant.corrected', { intent: categoryLabel(choice) }), 'success');
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    } finally {
      setSaving(false);
    }
  };
  if (corrected) {
    return (
      <div className="message-foot intent-line">
        <Icon name="check" size={12} /> {t('assistant.corrected', { intent: categoryLabel(corrected) })}
      </div>
    );
  }
  return (
    <div className="message-foot intent-line">
      <span>{t('assistant.understood', { intent: categoryLabel(intent), confidence })}</span>
      {editing ? (
        <form
          className="intent-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <select aria-label={t('assistant.rightIntent')} value={choice} onChange={(e) => setChoice(e.target.value)} autoFocus>
            {intents.map((id) => (
              <option key={id} value={id}>
                {categoryLabel(id)}
              </option>
            ))}
          </select>
          <button type="submit" className="button small primary" disabled={saving || choice === intent}>
            {t('common.save')}
          </button>
          <button type="button" className="button small" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <button type="button" className="link-button" title={t('assistant.correctTitle')} onClick={() => setEditing(true)}>
          {t('assistant.correct')}
        </button>
      )}
    </div>
  );
}

function Delivery({ m }: { m: MessageView }) {
  const s = m.deliveryStatus;
  if (s === 'failed') {
    return (
      <div className="message-foot">
        <span className="delivery failed" title={m.deliveryError ?? undefined}>
          <Icon name="alert" size={12} /> {t('delivery.failed')}
        </span>
        {m.deliveryError && <span className="delivery-error">{m.deliveryError}</span>}
      </div>
    );
  }
  const icon = s === 'read' || s === 'delivered' ? 'checks' : s === 'sent' ? 'check' : 'check';
  return (
    <div className="message-foot">
      <span className={`delivery ${s}`}>
        <Icon name={icon} size={12} /> {tKey(`delivery.${s}`, s)}
      </span>
    </div>
  );
}

/** A history entry's time value (a complaint's due date) as the agent reads dates. */
const when = (iso: string | null, locale: string) => (iso && !Number.isNaN(Date.parse(iso)) ? dateTime(iso, locale) : (iso ?? ''));

function historyText(h: HistoryItem, who: string, agentName: (id: string | null) => string | null, locale: string): string {
  switch (h.type) {
    case 'status_changed':
      return t('history.status', { who, from: statusLabel(h.from ?? ''), to: statusLabel(h.to ?? '') });
    case 'assigned':
      return h.to ? t('history.assigned', { who, to: agentName(h.to) ?? t('history.anAgent') }) : t('history.unassigned', { who });
    case 'priority_changed':
      return t('history.priority', { who, to: priorityLabel(h.to ?? '') });
    case 'category_changed':
      return t('history.category', { who, to: categoryLabel(h.to ?? 'other') });
    case 'tags_changed':
      return h.to ? t('history.tags', { who, to: h.to.split(',').join(', ') }) : t('history.tagsCleared', { who });
    case 'subject_changed':
      return t('history.subject', { who, to: h.to ?? '' });
    case 'language_changed':
      return t('history.language', { who, to: h.to ?? '' });
    case 'transaction_linked':
      return h.to ? t('history.transaction', { who, to: h.to }) : t('history.transactionCleared', { who });
    case 'merged':
      return t('history.merged', { who, to: h.to ?? '' });
    case 'merged_from':
      return t('history.mergedFrom', { who, from: h.from ?? '' });
    case 'sla_breached':
      // A clock this console does not know yet still reads as a missed target.
      return tKey(`history.slaBreached.${h.to ?? ''}`, `${clockLabel(h.to ?? '')}: ${t('sla.state.breached')}`);
    case 'complaint_registered':
      return t('history.complaintRegistered', { who, ref: h.to ?? '' });
    case 'complaint_extended':
      return t('history.complaintExtended', { who, due: when(h.to, locale) });
    case 'complaint_answered':
      return t('history.complaintAnswered', { who, outcome: h.to ? tKey(`complaint.outcome.${h.to}`, h.to.replace(/_/g, ' ')) : '' });
    case 'complaint_due_soon':
      return t('history.complaintDueSoon', { due: when(h.to, locale) });
    case 'complaint_overdue':
      return t('history.complaintOverdue', { due: when(h.to, locale) });
    default:
      return `${who}: ${h.type.replace(/_/g, ' ')}${h.to ? ` → ${h.to}` : ''}`;
  }
}
