import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, query } from '../api';
import { ComplaintWarning } from '../components/Complaint';
import { Icon } from '../components/Icon';
import { ChoiceAndRefresh, Empty, LoadMore, NotLoaded, Spinner, toast } from '../components/ui';
import {
  complaintSettingBounds,
  complaintSettingKeys,
  complaintStates,
  complaintStatusLabel,
  complaintWarning,
  daysLeftText,
  outcomeLabel,
  refusalOf,
  type Complaint,
  type ComplaintPage,
  type ComplaintSettings,
  type ComplaintState,
} from '../complaints';
import { dateTime } from '../format';
import { t, useLocale } from '../i18n';
import { keepFresh, live } from '../live';
import { href, navigate } from '../router';
import { useConsole } from '../state';

// Formal complaints (the complaints module): every agent's list by deadline (GET /complaints?state=…), and the
// deadlines in working days (GET/PUT /complaints/settings: supervisors read them, admins change them).

const STATE_KEY = 'sapa.console.complaintsState';
const PAGE = 50;

function savedState(): ComplaintState {
  const s = sessionStorage.getItem(STATE_KEY);
  return (complaintStates as readonly string[]).includes(s ?? '') ? (s as ComplaintState) : 'open';
}

function CaseLink({ c }: { c: Complaint }) {
  return (
    <a
      href={href(`/cases/${c.caseId}`)}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(`/cases/${c.caseId}`);
      }}
    >
      <span className="mono">{c.caseReference}</span> <span className="complaint-subject">{c.caseSubject || t('case.noSubject')}</span>
    </a>
  );
}

function Row({ c, locale }: { c: Complaint; locale: string }) {
  const left = daysLeftText(c);
  const w = complaintWarning(c);
  const warn = w === 'overdue' ? 'overdue' : w === 'dueSoon' ? 'due-soon' : undefined;
  return (
    <tr data-complaint={c.reference} className={warn ? `complaint-row ${warn}` : 'complaint-row'}>
      <th scope="row" className="mono">
        {c.reference}
      </th>
      <td>
        <CaseLink c={c} />
      </td>
      <td>
        <span className="complaint-status-cell">
          <span className={`pill complaint-status complaint-status-${c.status}`}>{complaintStatusLabel(c.status)}</span>
          <ComplaintWarning complaint={c} />
        </span>
        {c.status === 'answered' && c.outcome && <small className="muted complaint-outcome">{outcomeLabel(c.outcome)}</small>}
      </td>
      <td>
        <time dateTime={c.receivedAt}>{dateTime(c.receivedAt, locale)}</time>
      </td>
      <td>
        <time dateTime={c.dueAt}>{dateTime(c.dueAt, locale)}</time>
        {left && <small className={c.overdue ? 'complaint-left late' : 'complaint-left'}>{left}</small>}
        {c.status === 'answered' && c.answeredAt && <small className="muted complaint-left">{t('complaints.answeredOn', { date: dateTime(c.answeredAt, locale) })}</small>}
      </td>
      <td>{c.filedBy === 'customer' ? t('complaint.byCustomer') : (c.registeredBy?.name ?? '—')}</td>
    </tr>
  );
}

function ComplaintList({ locale }: { locale: string }) {
  const [state, setState] = useState<ComplaintState>(savedState);
  const [items, setItems] = useState<Complaint[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [more, setMore] = useState(false);
  const seq = useRef(0);
  const shown = useRef(PAGE);

  /** The first pages again (as many rows as are shown), e.g. after a complaint changed. */
  const load = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const r = await api.get<ComplaintPage>(`/complaints${query({ state, limit: Math.min(200, Math.max(PAGE, shown.current)) })}`);
      if (mine !== seq.current) return;
      setItems(r.items);
      setCursor(r.nextCursor);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [state]);

  const loadMore = async () => {
    if (!cursor) return;
    const mine = seq.current;
    setMore(true);
    try {
      const r = await api.get<ComplaintPage>(`/complaints${query({ state, limit: PAGE, cursor })}`);
      if (mine !== seq.current) return;
      setItems((prev) => {
        const next = [...(prev ?? []), ...r.items.filter((x) => !prev?.some((y) => y.id === x.id))];
        shown.current = next.length;
        return next;
      });
      setCursor(r.nextCursor);
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    } finally {
      setMore(false);
    }
  };

  useEffect(() => {
    sessionStorage.setItem(STATE_KEY, state);
    shown.current = PAGE;
    setItems(null);
    // Working days left change with the day; a complaint changes with its case's complaint_… history.
    return keepFresh(() => void load(), 5 * 60_000, (soon) => [live.on('case:updated', (e) => e.changes.some((x) => x.startsWith('complaint_')) && soon()), live.on('resync', soon)]);
  }, [load, state]);

  return (
    <section className="complaints-list" aria-labelledby="complaints-list-title" aria-busy={loading}>
      <header className="complaints-toolbar">
        <h2 id="complaints-list-title" className="visually-hidden">
          {t(`complaints.state.${state}`)}
        </h2>
        <ChoiceAndRefresh name="complaints-state" legend={t('complaints.show')} options={complaintStates} value={state} label={(s) => t(`complaints.state.${s}`)} onChange={setState} onRefresh={() => void load()} />
      </header>
      {error && items && (
        <div className="stale-banner" role="status">
          <Icon name="refresh" size={14} />
          <span>{t('inbox.stale')}</span>
        </div>
      )}
      {items === null ? (
        <NotLoaded error={error} failedTitle={t('complaints.loadFailed')} onRetry={() => void load()} />
      ) : !items.length ? (
        <Empty icon="note" title={t(`complaints.empty.${state}`)} />
      ) : (
        <>
          <table className="table card complaints-table">
            <caption className="visually-hidden">{t('complaints.caption', { state: t(`complaints.state.${state}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('complaints.col.reference')}</th>
                <th scope="col">{t('complaints.col.case')}</th>
                <th scope="col">{t('complaints.col.status')}</th>
                <th scope="col">{t('complaints.col.received')}</th>
                <th scope="col">{t('complaints.col.due')}</th>
                <th scope="col">{t('complaints.col.registeredBy')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <Row key={c.id} c={c} locale={locale} />
              ))}
            </tbody>
          </table>
          {cursor && <LoadMore label={t('complaints.loadMore')} busy={more} onMore={() => void loadMore()} />}
        </>
      )}
    </section>
  );
}

type Draft = Record<keyof ComplaintSettings, string>;
const draftOf = (s: ComplaintSettings): Draft => ({ answerWorkingDays: String(s.answerWorkingDays), extensionWorkingDays: String(s.extensionWorkingDays), warnWorkingDays: String(s.warnWorkingDays) });

/** The deadlines in working days: admins change them, supervisors read them; the server's refusal is said at its field. */
function SettingsCard() {
  const c = useConsole();
  const ids = useId();
  const [settings, setSettings] = useState<ComplaintSettings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ message: string; fields: Map<string, string> } | null>(null);
  const [saving, setSaving] = useState(false);
  const readOnly = !c.isAdmin;

  useEffect(() => {
    const ctrl = new AbortController();
    api.get<ComplaintSettings>('/complaints/settings', { signal: ctrl.signal }).then(
      (s) => {
        setSettings(s);
        setDraft(draftOf(s));
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted) setLoadError(e instanceof ApiError ? e.message : String(e));
      },
    );
    return () => ctrl.abort();
  }, []);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (readOnly || !draft) return;
    setSaving(true);
    setProblem(null);
    // What was typed goes as typed (a number, or null when it is not one): the server says what it refuses.
    const body = Object.fromEntries(complaintSettingKeys.map((k) => [k, draft[k].trim() === '' || Number.isNaN(Number(draft[k])) ? null : Number(draft[k])]));
    try {
      const saved = await api.put<ComplaintSettings>('/complaints/settings', body);
      setSettings(saved);
      setDraft(draftOf(saved));
      toast(t('complaints.settingsSaved'), 'success');
    } catch (err) {
      const r = refusalOf(err);
      // The server names the field; the range is said in the agent's language.
      const fields = new Map<string, string>();
      for (const k of r.fields.keys()) {
        const b = complaintSettingBounds[k as keyof ComplaintSettings];
        if (b) fields.set(k, t('complaints.settingsProblem', b));
      }
      setProblem({ message: r.message, fields });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card complaint-settings" aria-labelledby={`${ids}-title`} onSubmit={(e) => void save(e)} noValidate>
      <h2 id={`${ids}-title`}>{t('complaints.settings')}</h2>
      <p className="muted">{t('complaints.settingsHint')}</p>
      {readOnly && <p className="muted">{t('complaints.settingsReadOnly')}</p>}
      {loadError && (
        <p className="form-error" role="alert">
          <Icon name="alert" size={14} />
          <span>{loadError}</span>
        </p>
      )}
      {!draft ? (
        !loadError && <Spinner />
      ) : (
        <>
          <div className="complaint-settings-fields">
            {complaintSettingKeys.map((k) => {
              const id = `complaint-setting-${k}`;
              const error = problem?.fields.get(k);
              const b = complaintSettingBounds[k];
              return (
                <div key={k} className="field">
                  <label htmlFor={id}>{t(`complaints.setting.${k}`)}</label>
                  <span className="complaint-setting-input">
                    <input
                      id={id}
                      type="number"
                      inputMode="numeric"
                      min={b.min}
                      max={b.max}
                      step={1}
                      value={draft[k]}
                      readOnly={readOnly}
                      onChange={(e) => setDraft((d) => (d ? { ...d, [k]: e.target.value } : d))}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={[`${id}-help`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
                    />
                    <small id={`${id}-help`} className="muted">
                      {t(`complaints.setting.${k}Help`)}
                    </small>
                  </span>
                  {error && (
                    <span id={`${id}-error`} className="complaint-field-error">
                      {error}
                    </span>
                  )}
                </div>
              );
            })}
          </div>
          {problem && (
            <p className="form-error" role="alert">
              <Icon name="alert" size={14} />
              <span>{problem.message}</span>
            </p>
          )}
          {!readOnly && (
            <div className="form-actions complaint-settings-actions">
              <button type="submit" className="button primary" disabled={saving || !settings}>
                {saving ? t('sla.saving') : t('complaints.settingsSave')}
              </button>
            </div>
          )}
        </>
      )}
    </form>
  );
}

export default function Complaints() {
  const c = useConsole();
  const locale = useLocale();
  return (
    <div className="page complaints">
      <header className="page-head">
        <div>
          <h1>{t('complaints.title')}</h1>
          <p className="muted">{t('complaints.hint')}</p>
        </div>
      </header>
      <ComplaintList locale={locale} />
      {c.isSupervisor && <SettingsCard />}
    </div>
  );
}
