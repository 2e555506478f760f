import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, query } from '../api';
import {
  byDay,
  callbackFilters,
  caller,
  dayIn,
  dayName,
  isOverdue,
  nextDay,
  slotDateTime,
  slotTime,
  startOfDay,
  type Callback,
  type CallbackFilter,
  type CallbackPage,
  type CallbackUpdate,
  type FreeSlot,
  type FreeSlots,
} from '../callbacks';
import { Icon } from '../components/Icon';
import { ChoiceAndRefresh, Dialog, Empty, LoadMore, NotLoaded, useNow } from '../components/ui';
import { t, useLocale } from '../i18n';
import { keepFresh, live } from '../live';
import { href, navigate } from '../router';

// Phone callbacks (the server's callbacks module): GET /callbacks in slot order (each with the name to ask for, and
// the desk's time zone with every page), grouped by the desk's day; PATCH /callbacks/:id records an outcome (done,
// no answer: the server books the retry and returns it, cancelled) or a new slot from GET /callbacks/slots. The
// server announces no callback events of its own, but every change posts a system message with `metadata.callback`
// on the case (and a booking opens a phone case): those, and a poll every 30 s.

const FILTER_KEY = 'sapa.console.callbacksFilter';
const PAGE = 100;
const POLL_MS = 30_000;

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

function savedFilter(): CallbackFilter {
  const s = sessionStorage.getItem(FILTER_KEY);
  return (callbackFilters as readonly string[]).includes(s ?? '') ? (s as CallbackFilter) : 'scheduled';
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
  const { name, verified } = caller(c);
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
        <span className="callback-name">
          {name ?? t('callbacks.noName')}
          {name && !verified && <small className="pill callback-unverified">{t('callbacks.unverified')}</small>}
        </span>
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
  // The desk's time zone, as the last page of the list gave it (read while loading, without waiting for a render).
  const zoneRef = useRef<string | null>(null);
  const learnZone = (timeZone: string) => {
    zoneRef.current = timeZone;
    setZone(timeZone);
    return timeZone;
  };

  /**
   * What to ask for. Still to call: every scheduled one, however old (an overdue one stays until recorded); all: from
   * the start of the desk's today, so the desk's zone first (every page of the list gives it: the first time, a
   * one-item page).
   */
  const pageQuery = useCallback(
    async (more?: string) => {
      if (filter === 'scheduled') return query({ status: 'scheduled', limit: PAGE, cursor: more });
      const z = zoneRef.current ?? learnZone((await api.get<CallbackPage>(`/callbacks${query({ limit: 1 })}`)).timeZone);
      return query({ from: startOfDay(dayIn(z), z).toISOString(), limit: PAGE, cursor: more });
    },
    [filter],
  );

  /** The first page again. */
  const load = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const r = await api.get<CallbackPage>(`/callbacks${await pageQuery()}`);
      if (mine !== seq.current) return;
      learnZone(r.timeZone);
      setItems(r.items);
      setCursor(r.nextCursor);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(message(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [pageQuery]);

  const loadMore = async () => {
    if (!cursor) return;
    const mine = seq.current;
    setMore(true);
    try {
      const r = await api.get<CallbackPage>(`/callbacks${await pageQuery(cursor)}`);
      if (mine !== seq.current) return;
      learnZone(r.timeZone);
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
    setItems(null);
    return keepFresh(() => void load(), POLL_MS, (soon) => [
      live.on('message', (m) => m.metadata && typeof m.metadata === 'object' && 'callback' in m.metadata && soon()),
      live.on('case:created', (e) => e.case.channel === 'phone' && soon()),
      live.on('resync', soon),
    ]);
  }, [load, filter]);

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
      const { retry } = await api.patch<CallbackUpdate>(`/callbacks/${c.id}`, { status });
      if (status === 'completed') setNotice(t('callbacks.recorded.completed', { phone: c.phone }));
      else {
        // The retry the server booked, or null: the last attempt, or no free slot.
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
          <ChoiceAndRefresh name="callbacks-filter" legend={t('callbacks.show')} options={callbackFilters} value={filter} label={(f) => t(`callbacks.filter.${f}`)} onChange={setFilter} onRefresh={() => void load()} />
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
          <NotLoaded error={error} failedTitle={t('callbacks.loadFailed')} onRetry={() => void load()} />
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
            {cursor && <LoadMore label={t('callbacks.loadMore')} busy={more} onMore={() => void loadMore()} />}
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
