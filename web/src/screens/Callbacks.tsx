import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, query } from '../api';
import {
  byDay,
  callbackFilters,
  dayIn,
  dayName,
  isOverdue,
  nextDay,
  retryOf,
  slotDateTime,
  slotTime,
  startOfDay,
  type Callback,
  type CallbackFilter,
  type CallbackPage,
  type FreeSlot,
  type FreeSlots,
} from '../callbacks';
import { Icon } from '../components/Icon';
import { Dialog, Empty, Spinner, useNow } from '../components/ui';
import { t, useLocale } from '../i18n';
import { live } from '../live';
import { href, navigate } from '../router';
import type { InboxCase } from '../types';

// Phone callbacks (the server's callbacks module): GET /callbacks in slot order, grouped by the desk's day;
// PATCH /callbacks/:id records an outcome (done, no answer: the server books the retry, cancelled) or a new slot
// from GET /callbacks/slots. The server announces no callback events of its own, but every change posts a system
// message with `metadata.callback` on the case (and a booking opens a phone case): those, and a poll every 30 s.

const FILTER_KEY = 'sapa.console.callbacksFilter';
const PAGE = 100;
const POLL_MS = 30_000;

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

function savedFilter(): CallbackFilter {
  const s = sessionStorage.getItem(FILTER_KEY);
  return (callbackFilters as readonly string[]).includes(s ?? '') ? (s as CallbackFilter) : 'scheduled';
}

const caseStatuses = ['open', 'pending', 'resolved', 'closed'];

/**
 * The customer's name on each callback's case. The callback itself carries none (the booking's name went to the
 * customer), so it is read once per case and kept: the latest phone cases in one request (most callbacks are on
 * them), then any other by its reference, a few at a time.
 */
function useCustomerNames(items: Callback[] | null): Map<string, string | null> {
  const [names, setNames] = useState(() => new Map<string, string | null>());
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (!items) return;
    let queue = [...new Map(items.filter((c) => !asked.current.has(c.caseId)).map((c) => [c.caseId, c])).values()];
    if (!queue.length) return;
    queue.forEach((c) => asked.current.add(c.caseId));
    const found = (entries: [string, string | null][]) => setNames((prev) => new Map([...prev, ...entries]));
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const { caseId, reference } = c;
        try {
          const r = await api.get<{ items: InboxCase[] }>(`/console/inbox${query({ q: reference, status: caseStatuses, limit: 5 })}`);
          found([[caseId, r.items.find((k) => k.id === caseId)?.customerName ?? null]]);
        } catch {
          // Asked again with the next refresh.
          asked.current.delete(caseId);
        }
      }
    };
    void (async () => {
      try {
        const recent = await api.get<{ items: InboxCase[] }>(`/console/inbox${query({ channel: 'phone', status: caseStatuses, sort: 'created', limit: 100 })}`);
        const byCase = new Map(recent.items.map((k) => [k.id, k.customerName]));
        found(queue.filter((c) => byCase.has(c.caseId)).map((c) => [c.caseId, byCase.get(c.caseId) ?? null]));
        queue = queue.filter((c) => !byCase.has(c.caseId));
      } catch {
        // Each by its reference, then.
      }
      await Promise.all([worker(), worker(), worker()]);
    })();
  }, [items]);
  return names;
}

type Pending = { id: string; action: 'completed' | 'missed' } | null;

function CaseLink({ c }: { c: Callback }) {
  return (
    <a
      className="mono"
      href={href(`/cases/${c.caseId}`)}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(`/cases/${c.caseId}`);
      }}
    >
      {c.reference}
    </a>
  );
}

function Row({
  c,
  zone,
  locale,
  now,
  name,
  fresh,
  pending,
  problem,
  onRecord,
  onMove,
  onCancel,
}: {
  c: Callback;
  zone: string;
  locale: string;
  now: number;
  name: string | null | undefined;
  fresh: boolean;
  pending: Pending;
  problem: string | undefined;
  onRecord: (c: Callback, status: 'completed' | 'missed') => void;
  onMove: (c: Callback) => void;
  onCancel: (c: Callback) => void;
}) {
  const overdue = isOverdue(c, now);
  const busy = pending?.id === c.id;
  const who = `callback-${c.id}-who`;
  const errorId = `callback-${c.id}-error`;
  const classes = ['callback-row', overdue ? 'overdue' : '', fresh ? 'fresh' : '', c.status !== 'scheduled' ? 'finished' : ''].filter(Boolean).join(' ');
  return (
    <tr className={classes} data-callback={c.id} data-status={c.status} data-overdue={overdue || undefined}>
      <th scope="row" className="callback-time">
        <time dateTime={c.slot}>{slotTime(c.slot, zone, locale)}</time>
        {overdue && (
          <span className="pill callback-overdue">
            <Icon name="alert" size={12} /> {t('callbacks.overdue')}
          </span>
        )}
      </th>
      <td id={who}>
        <span className="callback-name">{name === undefined ? '…' : (name ?? t('callbacks.noName'))}</span>
        <a className="callback-phone mono" href={`tel:${c.phone}`} aria-label={t('callbacks.call', { phone: c.phone })}>
          <Icon name="phone" size={12} /> {c.phone}
        </a>
      </td>
      <td className="callback-topic">{c.topic}</td>
      <td>
        <span className={`pill callback-status callback-status-${c.status}`}>{t(`callbacks.status.${c.status}`)}</span>
        <small className="muted callback-attempt">
          {t('callbacks.attempt', { n: c.attempt })}
          {fresh && ` · ${t('callbacks.newRetry')}`}
        </small>
        {c.outcome && <small className="muted callback-outcome">{c.outcome}</small>}
      </td>
      <td>
        <CaseLink c={c} />
      </td>
      <td className="callback-actions-cell">
        {c.status === 'scheduled' && (
          <div className="callback-actions" role="group" aria-label={t('callbacks.actionsFor', { phone: c.phone, time: slotTime(c.slot, zone, locale) })}>
            <button type="button" className="button small primary" disabled={busy} aria-describedby={problem ? errorId : undefined} onClick={() => onRecord(c, 'completed')}>
              <Icon name="check" size={14} /> {busy && pending?.action === 'completed' ? t('callbacks.saving') : t('callbacks.done')}
            </button>
            <button type="button" className="button small" disabled={busy} aria-describedby={problem ? errorId : undefined} onClick={() => onRecord(c, 'missed')}>
              {busy && pending?.action === 'missed' ? t('callbacks.saving') : t('callbacks.noAnswer')}
            </button>
            <button type="button" className="button small" disabled={busy} onClick={() => onMove(c)}>
              {t('callbacks.move')}
            </button>
            <button type="button" className="button small ghost callback-cancel" disabled={busy} onClick={() => onCancel(c)}>
              {t('callbacks.cancel')}
            </button>
          </div>
        )}
        {problem && (
          <p id={errorId} className="form-error callback-error" role="alert">
            <Icon name="alert" size={14} />
            <span>{problem}</span>
          </p>
        )}
      </td>
    </tr>
  );
}

/** Asks before cancelling: the customer is told, and a cancelled callback cannot be booked again. */
function CancelDialog({ c, zone, locale, onClose, onDone }: { c: Callback | null; zone: string; locale: string; onClose: () => void; onDone: (c: Callback) => void }) {
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setProblem(null), [c?.id]);
  const confirm = async () => {
    if (!c) return;
    setSending(true);
    setProblem(null);
    try {
      onDone(await api.patch<Callback>(`/callbacks/${c.id}`, { status: 'cancelled' }));
    } catch (e) {
      setProblem(message(e));
    } finally {
      setSending(false);
    }
  };
  return (
    <Dialog open={c !== null} onClose={onClose} title={t('callbacks.cancelTitle')}>
      {c && (
        <div className="callback-dialog">
          <p>{t('callbacks.cancelText', { phone: c.phone, when: slotDateTime(c.slot, zone, locale), ref: c.reference })}</p>
          {problem && (
            <p className="form-error" role="alert">
              <Icon name="alert" size={14} />
              <span>{problem}</span>
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose}>
              {t('callbacks.keep')}
            </button>
            <button type="button" className="button danger" disabled={sending} onClick={() => void confirm()}>
              {sending ? t('callbacks.saving') : t('callbacks.cancelConfirm')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** Another free slot: a day (in the desk's zone), then one of its free slots; the server's refusal at the select. */
function MoveDialog({ c, zone, locale, onClose, onDone }: { c: Callback | null; zone: string; locale: string; onClose: () => void; onDone: (c: Callback) => void }) {
  const ids = useId();
  const today = dayIn(zone);
  const [day, setDay] = useState(today);
  const [slots, setSlots] = useState<FreeSlot[] | null>(null);
  const [slotsError, setSlotsError] = useState<string | null>(null);
  const [slot, setSlot] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!c) return;
    // The callback's own day to start with, unless it has passed.
    const own = dayIn(zone, c.slot);
    setDay(own > today ? own : today);
    setProblem(null);
  }, [c?.id]);

  const loadSlots = useCallback(
    async (signal?: AbortSignal) => {
      setSlots(null);
      setSlotsError(null);
      try {
        const r = await api.get<FreeSlots>(`/callbacks/slots${query({ date: day })}`, { signal });
        // Its own slot is where it already is.
        const free = r.slots.filter((s) => s.start !== c?.slot);
        setSlots(free);
        setSlot((prev) => (free.some((s) => s.start === prev) ? prev : (free[0]?.start ?? '')));
      } catch (e) {
        if (!signal?.aborted) setSlotsError(message(e));
      }
    },
    [day, c?.slot],
  );

  useEffect(() => {
    if (!c || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    const ctrl = new AbortController();
    void loadSlots(ctrl.signal);
    return () => ctrl.abort();
  }, [c, day, loadSlots]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!c || !slot) return;
    setSending(true);
    setProblem(null);
    try {
      onDone(await api.patch<Callback>(`/callbacks/${c.id}`, { slot }));
    } catch (err) {
      setProblem(message(err));
      // Taken meanwhile, most likely: what is free now.
      void loadSlots();
    } finally {
      setSending(false);
    }
  };

  const slotId = `${ids}-slot`;
  const help = `${ids}-help`;
  const errorId = `${ids}-error`;
  return (
    <Dialog open={c !== null} onClose={onClose} title={t('callbacks.moveTitle')}>
      {c && (
        <form className="callback-dialog" onSubmit={(e) => void submit(e)} noValidate>
          <p id={help}>{t('callbacks.moveText', { when: slotDateTime(c.slot, zone, locale), zone })}</p>
          <div className="field-row">
            <label className="field narrow">
              <span>{t('callbacks.moveDay')}</span>
              <input type="date" value={day} min={today} max={nextDay(today, 30)} onChange={(e) => {
                  setDay(e.target.value);
                  setProblem(null);
                }} required />
            </label>
            <div className="field">
              <label htmlFor={slotId}>{t('callbacks.moveSlot')}</label>
              <select
                id={slotId}
                value={slot}
                onChange={(e) => {
                  setSlot(e.target.value);
                  setProblem(null);
                }}
                disabled={!slots?.length}
                aria-invalid={problem ? true : undefined}
                aria-describedby={[help, problem ? errorId : ''].filter(Boolean).join(' ')}
              >
                {slots === null && !slotsError && <option value="">{t('common.loading')}</option>}
                {slots?.length === 0 && <option value="">{t('callbacks.moveNoSlots')}</option>}
                {slots?.map((s) => (
                  <option key={s.start} value={s.start}>
                    {t('callbacks.slotOption', { time: slotTime(s.start, zone, locale), n: s.available })}
                  </option>
                ))}
              </select>
              {slotsError && <small className="callback-field-error">{t('callbacks.slotsFailed', { error: slotsError })}</small>}
              {problem && (
                <span id={errorId} className="callback-field-error" role="alert">
                  {problem}
                </span>
              )}
            </div>
          </div>
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button primary" disabled={sending || !slot}>
              {sending ? t('callbacks.saving') : t('callbacks.moveConfirm')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export default function Callbacks() {
  const locale = useLocale();
  const now = useNow(POLL_MS);
  const [filter, setFilter] = useState<CallbackFilter>(savedFilter);
  const [zone, setZone] = useState<string | null>(null);
  const [items, setItems] = useState<Callback[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [more, setMore] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [problems, setProblems] = useState(() => new Map<string, string>());
  const [notice, setNotice] = useState<string | null>(null);
  const [fresh, setFresh] = useState<string | null>(null);
  const [moving, setMoving] = useState<Callback | null>(null);
  const [cancelling, setCancelling] = useState<Callback | null>(null);
  const seq = useRef(0);
  const names = useCustomerNames(items);

  // The desk's time zone: the slots say it (every agent may read them).
  useEffect(() => {
    const ctrl = new AbortController();
    api.get<FreeSlots>('/callbacks/slots', { signal: ctrl.signal }).then(
      (r) => setZone(r.timezone),
      (e: unknown) => {
        if (!ctrl.signal.aborted) {
          setError(message(e));
          setLoading(false);
        }
      },
    );
    return () => ctrl.abort();
  }, []);

  /**
   * The first page again. Still to call: every scheduled one, however old (an overdue one stays until recorded);
   * all: from the start of the desk's today.
   */
  const load = useCallback(async () => {
    if (!zone) return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const params = filter === 'scheduled' ? { status: 'scheduled', limit: PAGE } : { from: startOfDay(dayIn(zone), zone).toISOString(), limit: PAGE };
      const r = await api.get<CallbackPage>(`/callbacks${query(params)}`);
      if (mine !== seq.current) return;
      setItems(r.items);
      setCursor(r.nextCursor);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(message(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [filter, zone]);

  const loadMore = async () => {
    if (!cursor || !zone) return;
    const mine = seq.current;
    setMore(true);
    try {
      const params = filter === 'scheduled' ? { status: 'scheduled', limit: PAGE, cursor } : { from: startOfDay(dayIn(zone), zone).toISOString(), limit: PAGE, cursor };
      const r = await api.get<CallbackPage>(`/callbacks${query(params)}`);
      if (mine !== seq.current) return;
      setItems((prev) => [...(prev ?? []), ...r.items.filter((x) => !prev?.some((y) => y.id === x.id))]);
      setCursor(r.nextCursor);
    } catch (e) {
      setError(message(e));
    } finally {
      setMore(false);
    }
  };

  useEffect(() => {
    sessionStorage.setItem(FILTER_KEY, filter);
    if (!zone) return;
    setItems(null);
    void load();
    let timer: number | undefined;
    const soon = () => {
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        void load();
      }, 800);
    };
    const every = setInterval(() => void load(), POLL_MS);
    const offs = [
      live.on('message', (m) => m.metadata && typeof m.metadata === 'object' && 'callback' in m.metadata && soon()),
      live.on('case:created', (e) => e.case.channel === 'phone' && soon()),
      live.on('resync', soon),
    ];
    return () => {
      clearInterval(every);
      clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [load, filter, zone]);

  const setProblem = (id: string, text: string | null) =>
    setProblems((prev) => {
      const next = new Map(prev);
      if (text) next.set(id, text);
      else next.delete(id);
      return next;
    });

  const record = async (c: Callback, status: 'completed' | 'missed') => {
    if (!zone) return;
    setPending({ id: c.id, action: status });
    setProblem(c.id, null);
    try {
      await api.patch<Callback>(`/callbacks/${c.id}`, { status });
      if (status === 'completed') setNotice(t('callbacks.recorded.completed', { phone: c.phone }));
      else {
        // The server booked the retry (or did not: the last attempt, or no free slot): it is a callback to that phone.
        const same = await api.get<CallbackPage>(`/callbacks${query({ phone: c.phone, status: 'scheduled', limit: PAGE })}`).catch(() => null);
        const retry = same ? retryOf(same.items, c.id) : undefined;
        setFresh(retry?.id ?? null);
        setNotice(
          retry
            ? t('callbacks.retryBooked', { phone: c.phone, when: slotDateTime(retry.slot, zone, locale), n: retry.attempt })
            : t('callbacks.noRetry', { phone: c.phone, ref: c.reference }),
        );
      }
      void load();
    } catch (e) {
      setProblem(c.id, message(e));
    } finally {
      setPending(null);
    }
  };

  const moved = (c: Callback) => {
    setMoving(null);
    setNotice(t('callbacks.recorded.moved', { phone: c.phone, when: zone ? slotDateTime(c.slot, zone, locale) : c.slot }));
    setFresh(null);
    void load();
  };
  const cancelled = (c: Callback) => {
    setCancelling(null);
    setNotice(t('callbacks.recorded.cancelled', { phone: c.phone }));
    void load();
  };

  const today = zone ? dayIn(zone, now) : '';
  const overdue = items?.filter((c) => isOverdue(c, now)).length ?? 0;
  const heading = (day: string) => {
    const relative = day === today ? t('callbacks.today') : day === nextDay(today) ? t('callbacks.tomorrow') : null;
    return relative ? t('callbacks.dayRelative', { relative, day: dayName(day, locale) }) : dayName(day, locale);
  };

  return (
    <div className="page callbacks">
      <header className="page-head">
        <div>
          <h1>{t('callbacks.title')}</h1>
          <p className="muted">{zone ? t('callbacks.hint', { zone }) : t('callbacks.hintNoZone')}</p>
        </div>
      </header>
      <section className="callbacks-list" aria-labelledby="callbacks-list-title" aria-busy={loading}>
        <header className="complaints-toolbar">
          <h2 id="callbacks-list-title" className="visually-hidden">
            {t(`callbacks.filter.${filter}`)}
          </h2>
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('callbacks.show')}</legend>
            {callbackFilters.map((f) => (
              <label key={f} className={filter === f ? 'checked' : ''}>
                <input type="radio" name="callbacks-filter" value={f} checked={filter === f} onChange={() => setFilter(f)} />
                {t(`callbacks.filter.${f}`)}
              </label>
            ))}
          </fieldset>
          <button type="button" className="button small" onClick={() => void load()} disabled={!zone}>
            <Icon name="refresh" size={14} /> {t('inbox.refresh')}
          </button>
        </header>
        <div className="callbacks-notices">
          <p className="callbacks-notice" role="status">
            {notice}
          </p>
          {overdue > 0 && (
            <p className="callbacks-overdue-banner">
              <Icon name="alert" size={14} /> {t('callbacks.overdueCount', { n: overdue })}
            </p>
          )}
        </div>
        {error && items && (
          <div className="stale-banner" role="status">
            <Icon name="refresh" size={14} />
            <span>{t('inbox.stale')}</span>
          </div>
        )}
        {items === null || !zone ? (
          error ? (
            <Empty icon="alert" title={t('callbacks.loadFailed')}>
              <p>{error}</p>
              <button type="button" className="button small" onClick={() => (zone ? void load() : location.reload())}>
                {t('common.retry')}
              </button>
            </Empty>
          ) : (
            <div className="pane-loading">
              <Spinner />
            </div>
          )
        ) : !items.length ? (
          <Empty icon="phone" title={t(`callbacks.empty.${filter}`)} />
        ) : (
          <>
            {byDay(items, zone).map(({ day, items: ofDay }) => (
              <section key={day} className="callbacks-day" aria-labelledby={`callbacks-day-${day}`}>
                <h2 id={`callbacks-day-${day}`} className="callbacks-day-title">
                  {heading(day)}
                </h2>
                <table className="table card callbacks-table">
                  <caption className="visually-hidden">{t('callbacks.caption', { day: dayName(day, locale) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('callbacks.col.time')}</th>
                      <th scope="col">{t('callbacks.col.customer')}</th>
                      <th scope="col">{t('callbacks.col.topic')}</th>
                      <th scope="col">{t('callbacks.col.status')}</th>
                      <th scope="col">{t('callbacks.col.case')}</th>
                      <th scope="col">{t('callbacks.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ofDay.map((c) => (
                      <Row
                        key={c.id}
                        c={c}
                        zone={zone}
                        locale={locale}
                        now={now}
                        name={names.get(c.caseId)}
                        fresh={fresh === c.id}
                        pending={pending}
                        problem={problems.get(c.id)}
                        onRecord={(x, s) => void record(x, s)}
                        onMove={setMoving}
                        onCancel={setCancelling}
                      />
                    ))}
                  </tbody>
                </table>
              </section>
            ))}
            {cursor && (
              <div className="load-more">
                <button type="button" className="button small" onClick={() => void loadMore()} disabled={more}>
                  {more ? t('common.loading') : t('callbacks.loadMore')}
                </button>
              </div>
            )}
          </>
        )}
      </section>
      {zone && (
        <>
          <MoveDialog c={moving} zone={zone} locale={locale} onClose={() => setMoving(null)} onDone={moved} />
          <CancelDialog c={cancelling} zone={zone} locale={locale} onClose={() => setCancelling(null)} onDone={cancelled} />
        </>
      )}
    </div>
  );
}
