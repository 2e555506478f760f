import { useEffect, useState, type ReactNode } from 'react';
import { ApiError, api, query } from '../api';
import { Icon, type IconName } from '../components/Icon';
import { SLA_REFRESH_MS } from '../components/Sla';
import { toast, useNow } from '../components/ui';
import { dateTime, money, relative } from '../format';
import { t, tKey } from '../i18n';
import { navigate } from '../router';
import { clockLabel, duration } from '../sla';
import { useConsole } from '../state';
import { categories, categoryLabel, languageLabel, priorityLabel, scoreLabel, statusLabel } from '../taxonomy';
import { caseStatuses, priorities, slaClockNames, type CaseContext, type CaseSla, type SlaClock, type SlaClockName, type CaseView, type CsatSurvey, type KbHit, type MessageView, type Team, type WalletTransaction } from '../types';

export function Section({ title, icon, children, id }: { title: string; icon: IconName; children: ReactNode; id?: string }) {
  return (
    <section className="panel-section" aria-labelledby={id}>
      <h3 id={id}>
        <Icon name={icon} size={14} /> {title}
      </h3>
      {children}
    </section>
  );
}

interface DetailsProps {
  kase: CaseView;
  team: Team | null;
  onPatch: (patch: Partial<Pick<CaseView, 'status' | 'priority' | 'category' | 'tags'>> & { assigneeId?: string | null }) => Promise<void>;
  onTeam: (teamId: string | null) => Promise<void>;
}

export function Details({ kase, team, onPatch, onTeam }: DetailsProps) {
  const c = useConsole();
  const [tag, setTag] = useState('');
  const active = c.agents.filter((a) => a.active || a.id === kase.assigneeId);
  const addTag = () => {
    const v = tag.trim().toLowerCase();
    setTag('');
    if (v && !kase.tags.includes(v)) void onPatch({ tags: [...kase.tags, v] });
  };
  return (
    <Section title={t('panel.details')} icon="tag" id="panel-details">
      <div className="prop-grid">
        <label className="prop">
          <span>{t('panel.status')}</span>
          <select value={kase.status} onChange={(e) => void onPatch({ status: e.target.value as CaseView['status'] })}>
            {caseStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="prop">
          <span>{t('panel.priority')}</span>
          <select value={kase.priority} onChange={(e) => void onPatch({ priority: e.target.value as CaseView['priority'] })}>
            {priorities.map((p) => (
              <option key={p} value={p}>
                {priorityLabel(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="prop">
          <span>{t('panel.assignee')}</span>
          <select value={kase.assigneeId ?? ''} onChange={(e) => void onPatch({ assigneeId: e.target.value || null })}>
            <option value="">{t('panel.unassigned')}</option>
            {active.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
                {a.id === c.me.id ? ` (${t('history.you')})` : ''} · {t(`presence.${c.presence[a.id] ?? 'offline'}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="prop">
          <span>{t('panel.team')}</span>
          <select value={team?.id ?? ''} onChange={(e) => void onTeam(e.target.value || null)}>
            <option value="">{t('panel.noTeam')}</option>
            {c.teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="prop wide">
          <span>{t('panel.category')}</span>
          <select value={kase.category} onChange={(e) => void onPatch({ category: e.target.value })}>
            {!categories.includes(kase.category as (typeof categories)[number]) && <option value={kase.category}>{kase.category}</option>}
            {categories.map((k) => (
              <option key={k} value={k}>
                {categoryLabel(k)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="prop wide">
        <span id="tags-label">{t('panel.tags')}</span>
        <div className="tags" role="group" aria-labelledby="tags-label">
          {kase.tags.map((x) => (
            <span key={x} className="tag">
              {x}
              <button type="button" aria-label={t('panel.removeTag', { tag: x })} onClick={() => void onPatch({ tags: kase.tags.filter((y) => y !== x) })}>
                <Icon name="x" size={10} />
              </button>
            </span>
          ))}
          <input
            className="tag-input"
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ',') {
                e.preventDefault();
                addTag();
              }
            }}
            onBlur={addTag}
            placeholder={t('panel.addTag')}
            aria-label={t('panel.addTag')}
            maxLength={50}
          />
        </div>
      </div>
    </Section>
  );
}

const txIcon: Record<string, string> = { topup: '↓', transfer_in: '↓', refund: '↓', cashback: '↓', payment: '↑', transfer_out: '↑', withdrawal: '↑' };

function Transaction({ tx, referenced, locale }: { tx: WalletTransaction; referenced: boolean; locale: string }) {
  const incoming = txIcon[tx.type] === '↓';
  return (
    <li className={referenced ? 'tx referenced' : 'tx'} data-ref={tx.ref}>
      <div className="tx-main">
        <span className="tx-type">{tKey(`tx.${tx.type}`, tx.type)}</span>
        <span className={incoming ? 'tx-amount in' : 'tx-amount'}>
          {incoming ? '+' : '−'}
          {money(tx.money, locale)}
        </span>
      </div>
      <div className="tx-meta">
        <span className={`pill tx-${tx.status}`}>{tKey(`txStatus.${tx.status}`, tx.status)}</span>
        <span className="tx-ref">{tx.ref}</span>
        <time dateTime={tx.createdAt} title={dateTime(tx.createdAt, locale)}>
          {relative(tx.createdAt, locale)}
        </time>
      </div>
      {(tx.counterparty || tx.method) && <div className="tx-detail muted">{[tx.method, tx.counterparty].filter(Boolean).join(' · ')}</div>}
      {tx.failureReason && (
        <div className="tx-detail failure">
          <Icon name="alert" size={11} /> {tKey(`txReason.${tx.failureReason}`, tx.failureReason.replace(/_/g, ' '))}
        </div>
      )}
      {referenced && <div className="tx-flag">{t('panel.referencedTx')}</div>}
    </li>
  );
}

export function CustomerPanel({ kase, context, locale }: { kase: CaseView; context: CaseContext | null | 'error'; locale: string }) {
  if (context === null) return <Section title={t('panel.customer')} icon="user" id="panel-customer"><p className="muted">{t('common.loading')}</p></Section>;
  if (context === 'error') return <Section title={t('panel.customer')} icon="user" id="panel-customer"><p className="muted">{t('panel.contextFailed')}</p></Section>;
  const { customer, wallet } = context;
  const referenced = wallet.referencedTransaction;
  const recent = wallet.recentTransactions;
  const list = referenced && !recent.some((x) => x.ref === referenced.ref) ? [referenced, ...recent] : recent;
  return (
    <>
      <Section title={t('panel.customer')} icon="user" id="panel-customer">
        {customer ? (
          <dl className="kv">
            <dt>{t('panel.name')}</dt>
            <dd className="strong">{customer.name}</dd>
            {customer.email && (
              <>
                <dt>{t('panel.email')}</dt>
                <dd>{customer.email}</dd>
              </>
            )}
            {customer.phone && (
              <>
                <dt>{t('panel.phone')}</dt>
                <dd>{customer.phone}</dd>
              </>
            )}
            <dt>{t('panel.language')}</dt>
            <dd>{languageLabel(customer.locale)}</dd>
            {customer.walletRef && (
              <>
                <dt>{t('panel.walletId')}</dt>
                <dd className="mono">{customer.walletRef}</dd>
              </>
            )}
            <dt>{t('panel.since')}</dt>
            <dd>{dateTime(customer.since, locale)}</dd>
          </dl>
        ) : (
          <p className="muted">{kase.visitorId ? t('panel.anonymousVisitor') : t('panel.noCustomer')}</p>
        )}
      </Section>
      {customer?.walletRef && (
        <Section title={t('panel.wallet')} icon="wallet" id="panel-wallet">
          {!wallet.available ? (
            <p className="notice warn">
              <Icon name="alert" size={13} /> {t('panel.walletUnavailable')}
            </p>
          ) : (
            <>
              {wallet.account && (
                <div className="account">
                  <div>
                    <span className="muted">{t('panel.balance')}</span>
                    <strong className="balance">{money(wallet.account.balance, locale)}</strong>
                  </div>
                  <div className="account-state">
                    <span className={`pill account-${wallet.account.state}`}>{tKey(`account.${wallet.account.state}`, wallet.account.state)}</span>
                    {wallet.account.stateReason && <small className="muted">{tKey(`accountReason.${wallet.account.stateReason}`, wallet.account.stateReason.replace(/_/g, ' '))}</small>}
                  </div>
                </div>
              )}
              {kase.transactionRef && !referenced && (
                <p className="notice">
                  {t('panel.txNotFound', { ref: kase.transactionRef })}
                </p>
              )}
              <h4 className="subheading">{t('panel.transactions')}</h4>
              {list.length ? (
                <ul className="tx-list">
                  {list.map((tx) => (
                    <Transaction key={tx.ref} tx={tx} referenced={tx.ref === referenced?.ref} locale={locale} />
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('panel.noTransactions')}</p>
              )}
            </>
          )}
        </Section>
      )}
      {context.otherCases.length > 0 && (
        <Section title={t('panel.otherCases')} icon="layers" id="panel-other">
          <ul className="other-cases">
            {context.otherCases.map((o) => (
              <li key={o.id}>
                <a
                  href={`/agent/cases/${o.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/cases/${o.id}`);
                  }}
                >
                  <span className="mono">{o.reference}</span> {o.subject ?? t('case.noSubject')}
                </a>
                <span className={`pill status-${o.status}`}>{statusLabel(o.status)}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <DeviceSection device={kase.device} visitorDevice={context.visitorDevice} locale={locale} />
    </>
  );
}

function DeviceSection({ device, visitorDevice, locale }: { device: Record<string, unknown> | null; visitorDevice: Record<string, unknown> | null; locale: string }) {
  const entries = Object.entries({ ...(visitorDevice ?? {}), ...(device ?? {}) }).filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (!entries.length) return null;
  const show = (k: string, v: unknown) => {
    if (typeof v === 'string' && /At$|Time$/.test(k) && !Number.isNaN(Date.parse(v))) return dateTime(v, locale);
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  return (
    <Section title={t('panel.device')} icon="monitor" id="panel-device">
      <dl className="kv">
        {entries.map(([k, v]) => (
          <div key={k} className="kv-row">
            <dt>{tKey(`device.${k}`, k)}</dt>
            <dd>{show(k, v)}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

/**
 * The seq of the case's latest message about its satisfaction survey (the question sent, an answer recorded), or 0: when
 * it changes the survey is read again. Messages arrive live or by polling, so this follows either.
 */
export function surveyMark(messages: MessageView[]): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const meta = messages[i].metadata;
    if (meta && ('survey' in meta || 'satisfaction' in meta)) return messages[i].seq;
  }
  return 0;
}

/**
 * The case's latest satisfaction survey (GET /cases/:id/satisfaction): the customer's rating and comment, or that it was
 * sent and not answered. Nothing when none was sent (or it cannot be read).
 */
export function SatisfactionSection({ caseId, mark, locale }: { caseId: string; mark: number; locale: string }) {
  const [survey, setSurvey] = useState<CsatSurvey | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api.get<{ survey: CsatSurvey | null }>(`/cases/${caseId}/satisfaction`, { signal: ctrl.signal }).then(
      (r) => setSurvey(r.survey),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [caseId, mark]);
  // A survey read for another case (the panel is reused) is not this case's.
  if (!survey || survey.caseId !== caseId) return null;
  return (
    <Section title={t('panel.satisfaction')} icon="smile" id="panel-satisfaction">
      {survey.score !== null ? (
        <>
          <p className="panel-csat-rating">
            <span className={`pill csat-score csat-score-${survey.score}`}>
              {t('csat.scoreOf', { score: survey.score })} · {scoreLabel(survey.score)}
            </span>
          </p>
          {survey.comment ? (
            <blockquote className="panel-csat-comment">{survey.comment}</blockquote>
          ) : (
            <p className="panel-csat-comment muted">{t('panel.csatNoComment')}</p>
          )}
          {survey.answeredAt && (
            <p className="panel-csat-meta muted">
              <time dateTime={survey.answeredAt} title={dateTime(survey.answeredAt, locale)}>
                {t('panel.csatAnswered', { date: dateTime(survey.answeredAt, locale) })}
              </time>
            </p>
          )}
        </>
      ) : (
        <>
          <p className="panel-csat-rating">{survey.expired ? t('panel.csatClosed') : t('panel.csatNotAnswered')}</p>
          <p className="panel-csat-meta muted">
            {t('panel.csatSent', { date: dateTime(survey.sentAt, locale) })}
            {!survey.expired && ` · ${t('panel.csatOpenUntil', { date: dateTime(survey.expiresAt, locale) })}`}
          </p>
        </>
      )}
    </Section>
  );
}

/** Renders the search snippet (escaped text with <mark> around matches) without trusting it as HTML. */
function Snippet({ html }: { html: string }) {
  // A <textarea> parses its content as plain text with entities decoded (never as markup) and keeps whitespace.
  const decode = (s: string) => {
    const el = document.createElement('textarea');
    el.innerHTML = s;
    return el.value;
  };
  const parts = html.split(/(<mark>[\s\S]*?<\/mark>)/g);
  return (
    <p className="kb-snippet">
      {parts.map((p, i) => (p.startsWith('<mark>') ? <mark key={i}>{decode(p.slice(6, -7))}</mark> : <span key={i}>{decode(p.replace(/<[^>]*>/g, ''))}</span>))}
    </p>
  );
}

/** Knowledge-base suggestions for the case; the panel hides itself when the KB API is not there (404). */
export function KnowledgePanel({ kase, text, onInsert }: { kase: CaseView; text: string; onInsert: (s: string) => void }) {
  const [hits, setHits] = useState<KbHit[] | null | 'absent'>(null);
  const [q, setQ] = useState(text);
  useEffect(() => setQ(text), [text]);
  useEffect(() => {
    const needle = q.trim().slice(0, 200);
    if (!needle) return setHits([]);
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<{ items: KbHit[] }>(`/kb/search${query({ q: needle, locale: kase.language })}`, { signal: ctrl.signal })
        .then((r) => setHits(r.items.slice(0, 4)))
        .catch((e: unknown) => {
          if (e instanceof ApiError && (e.status === 404 || e.status === 405)) setHits('absent');
          else if (!(e instanceof DOMException)) setHits([]);
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q, kase.language]);
  if (hits === 'absent') return null;
  return (
    <Section title={t('panel.kb')} icon="book" id="panel-kb">
      <input className="kb-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-label={t('panel.kbSearch')} placeholder={t('panel.kbSearch')} />
      {hits === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : !hits.length ? (
        <p className="muted">{t('panel.kbNone')}</p>
      ) : (
        <ul className="kb-list">
          {hits.map((h) => {
            const url = h.url ? new URL(h.url, location.origin).toString() : null;
            return (
              <li key={h.id}>
                {url ? (
                  <a href={url} target="_blank" rel="noreferrer" className="kb-title">
                    {h.title} <Icon name="external" size={11} />
                  </a>
                ) : (
                  <span className="kb-title">{h.title}</span>
                )}
                <Snippet html={h.snippet} />
                {url && (
                  <button type="button" className="link-button" onClick={() => onInsert(`${h.title}: ${url}`)}>
                    {t('panel.kbInsert')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}

export function useTeamOf(caseId: string) {
  const [team, setTeam] = useState<Team | null>(null);
  useEffect(() => {
    api.get<{ team: Team | null }>(`/console/cases/${caseId}/team`).then((r) => setTeam(r.team), () => undefined);
  }, [caseId]);
  const change = async (teamId: string | null) => {
    try {
      const r = await api.put<{ team: Team | null }>(`/console/cases/${caseId}/team`, { teamId });
      setTeam(r.team);
      toast(r.team ? t('toast.teamSet', { team: r.team.name }) : t('toast.teamCleared'), 'success');
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    }
  };
  return { team, change };
}

/** The seq of the case's latest public message (a reply stops a clock, a customer's message starts one), or 0. */
export function publicMark(messages: MessageView[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (!messages[i].internal) return messages[i].seq;
  return 0;
}

/**
 * The case's service level (GET /cases/:id/sla): its three clocks with their state, target and due, done or remaining
 * time. Read when the case or its public messages change (`mark`, from publicMark) and each minute; without clocks (the policy off, the assistant holding the
 * conversation) one line says why. Nothing when it cannot be read.
 */
export function SlaSection({ kase, mark, locale }: { kase: CaseView; mark: number; locale: string }) {
  const [sla, setSla] = useState<CaseSla | null>(null);
  const tick = useNow(30_000);
  // The tick makes the times count down; clocks read since then are measured from the real time.
  const now = Math.max(tick, Date.now());
  useEffect(() => {
    const ctrl = new AbortController();
    const load = () =>
      api.get<CaseSla>(`/cases/${kase.id}/sla`, { signal: ctrl.signal }).then(setSla, () => undefined);
    void load();
    const every = setInterval(() => void load(), SLA_REFRESH_MS);
    return () => {
      ctrl.abort();
      clearInterval(every);
    };
  }, [kase.id, kase.updatedAt, kase.status, kase.priority, kase.waitingSince, mark]);
  // Clocks read for another case (the panel is reused) are not this case's.
  if (!sla || sla.caseId !== kase.id) return null;
  return (
    <Section title={t('panel.sla')} icon="clock" id="panel-sla">
      {!sla.active ? (
        <p className="muted panel-sla-off">{kase.withAssistant ? t('panel.slaAssistant') : t('panel.slaOff')}</p>
      ) : (
        <>
          <ul className="sla-clocks">
            {slaClockNames.map((name) => (
              <SlaClockRow key={name} name={name} clock={sla[name]} now={now} locale={locale} />
            ))}
          </ul>
          {sla.businessHours && <p className="muted panel-sla-hours">{t('panel.slaBusinessHours')}</p>}
        </>
      )}
    </Section>
  );
}

function SlaClockRow({ name, clock, now, locale }: { name: SlaClockName; clock: SlaClock | null; now: number; locale: string }) {
  const label = clockLabel(name);
  if (!clock) {
    return (
      <li className="sla-clock none" data-clock={name}>
        <span className="sla-clock-name">{label}</span>
        <span className="muted">{name === 'nextResponse' ? t('panel.slaNotRunning') : t('panel.slaNoTarget')}</span>
      </li>
    );
  }
  const at = (iso: string) => (
    <time dateTime={iso} title={dateTime(iso, locale)}>
      {dateTime(iso, locale)}
    </time>
  );
  const lines: ReactNode[] = [];
  const overdue = clock.state === 'breached' || (clock.state === 'running' && clock.dueAt !== null && Date.parse(clock.dueAt) <= now);
  if (clock.state === 'running' && clock.dueAt && !overdue) {
    const left = Math.max(1, Math.round((Date.parse(clock.dueAt) - now) / 60_000));
    lines.push(
      <span key="due">{fill('panel.slaDue', at(clock.dueAt))}</span>,
      <span key="left" className="sla-left">{t('panel.slaLeft', { time: duration(left) })}</span>,
    );
  } else if (clock.state === 'paused') {
    lines.push(<span key="left">{t('panel.slaPaused', { time: duration(clock.remainingMinutes ?? 0) })}</span>);
  } else if (clock.state === 'met' && clock.completedAt) {
    lines.push(<span key="met">{fill('panel.slaMet', at(clock.completedAt))}</span>);
  } else if (overdue && clock.dueAt) {
    lines.push(<span key="due">{fill('panel.slaMissed', at(clock.dueAt))}</span>);
    if (clock.completedAt) lines.push(<span key="done">{fill('panel.slaCompleted', at(clock.completedAt))}</span>);
    else lines.push(<span key="late" className="sla-late">{t('panel.slaOverdue', { time: duration(Math.max(1, Math.floor((now - Date.parse(clock.dueAt)) / 60_000))) })}</span>);
  }
  const state = overdue ? 'breached' : clock.state;
  return (
    <li className={`sla-clock ${state}`} data-clock={name}>
      <span className="sla-clock-name">
        {label} <span className="muted">· {t('panel.slaTarget', { time: duration(clock.targetMinutes, true) })}</span>
      </span>
      <span className={`pill sla-state sla-${state}`}>{t(`sla.state.${state}`)}</span>
      <span className="sla-clock-detail">{lines}</span>
    </li>
  );
}

/** A message with one element in place of its {when}. */
function fill(key: 'panel.slaDue' | 'panel.slaMet' | 'panel.slaMissed' | 'panel.slaCompleted', node: ReactNode): ReactNode {
  const [before, after] = t(key, { when: '\u0000' }).split('\u0000');
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
}
