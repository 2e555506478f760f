import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api';
import { refusalOf } from '../complaints';
import { Icon } from '../components/Icon';
import { Avatar, Spinner, toast } from '../components/ui';
import { time } from '../format';
import { t, useLocale } from '../i18n';
import { live, useConnState } from '../live';
import { maxOpenBounds, routingRows, type RoutingRow } from '../routing';
import { useConsole } from '../state';
import type { Overview, RoutingSettings } from '../types';

// Routing (server `routing` module): admins switch automatic assignment and set the limit per agent (GET/PUT
// /routing/settings; supervisors read them), and both see who would get a case now, from the queue overview.

function SettingsCard({ settings, onSaved }: { settings: RoutingSettings; onSaved: (s: RoutingSettings) => void }) {
  const c = useConsole();
  const ids = useId();
  const [autoAssign, setAutoAssign] = useState(settings.autoAssign);
  const [limit, setLimit] = useState(String(settings.maxOpenPerAgent));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ message: string; atLimit: boolean } | null>(null);
  const readOnly = !c.isAdmin;
  useEffect(() => {
    setAutoAssign(settings.autoAssign);
    setLimit(String(settings.maxOpenPerAgent));
  }, [settings]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (readOnly) return;
    setSaving(true);
    setProblem(null);
    // The limit goes as typed (a number, or null when it is not one): the server says what it refuses.
    const maxOpenPerAgent = limit.trim() === '' || Number.isNaN(Number(limit)) ? null : Number(limit);
    try {
      const saved = await api.put<RoutingSettings>('/routing/settings', { autoAssign, maxOpenPerAgent });
      onSaved(saved);
      toast(t('routing.saved'), 'success');
    } catch (err) {
      const r = refusalOf(err);
      setProblem({ message: r.message, atLimit: r.fields.has('maxOpenPerAgent') });
    } finally {
      setSaving(false);
    }
  };

  const limitId = `${ids}-limit`;
  return (
    <form className="card routing-settings" aria-labelledby={`${ids}-title`} onSubmit={(e) => void save(e)} noValidate>
      <h2 id={`${ids}-title`}>{t('routing.settings')}</h2>
      {readOnly && <p className="muted">{t('routing.readOnly')}</p>}
      <label className="check">
        <input type="checkbox" role="switch" checked={autoAssign} disabled={readOnly || saving} onChange={(e) => setAutoAssign(e.target.checked)} aria-describedby={`${ids}-auto-help`} />
        <span>
          <strong>{t('routing.autoAssign')}</strong>
          <small id={`${ids}-auto-help`} className="muted">
            {t('routing.autoAssignHelp')}
          </small>
        </span>
      </label>
      <div className="field">
        <label htmlFor={limitId}>{t('routing.limit')}</label>
        <span className="routing-limit-input">
          <input
            id={limitId}
            type="number"
            inputMode="numeric"
            min={maxOpenBounds.min}
            max={maxOpenBounds.max}
            step={1}
            value={limit}
            readOnly={readOnly}
            onChange={(e) => setLimit(e.target.value)}
            aria-invalid={problem?.atLimit ? true : undefined}
            aria-describedby={[`${limitId}-help`, problem?.atLimit ? `${limitId}-error` : ''].filter(Boolean).join(' ')}
          />
          <small id={`${limitId}-help`} className="muted">
            {t('routing.limitHelp')}
          </small>
        </span>
        {problem?.atLimit && (
          <span id={`${limitId}-error`} className="routing-field-error">
            {t('routing.limitProblem', maxOpenBounds)}
          </span>
        )}
      </div>
      {problem && (
        <p className="form-error" role="alert">
          <Icon name="alert" size={14} />
          <span>{problem.message}</span>
        </p>
      )}
      {!readOnly && (
        <div className="form-actions routing-actions">
          <button type="submit" className="button primary" disabled={saving}>
            {saving ? t('routing.saving') : t('routing.save')}
          </button>
        </div>
      )}
    </form>
  );
}

/** The overview (agents, presence, open and pending cases held), read again as the queue and presence change. */
function useLoad(): { load: Overview | null; error: string | null; reload: () => void } {
  const conn = useConnState();
  const [load, setLoad] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const fetchNow = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const overview = await api.get<Overview>('/console/overview');
      if (mine !== seq.current) return;
      setLoad(overview);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e instanceof ApiError ? e.message : String(e));
    }
  }, []);
  // A burst of events (cases handed out together) is one read.
  const reload = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void fetchNow(), 300);
  }, [fetchNow]);
  useEffect(() => {
    void fetchNow();
    const every = setInterval(() => void fetchNow(), conn === 'live' ? 20_000 : 8_000);
    const offs = [live.on('case:created', reload), live.on('case:updated', reload), live.on('presence', reload), live.on('resync', reload)];
    return () => {
      clearInterval(every);
      clearTimeout(timer.current);
      offs.forEach((off) => off());
    };
  }, [conn, fetchNow, reload]);
  return { load, error, reload };
}

function StateCell({ row }: { row: RoutingRow }) {
  if (row.state === 'available') return <span className="pill routing-available">{t('routing.state.available')}</span>;
  if (row.state === 'full') return <span className="pill routing-full">{t('routing.state.full')}</span>;
  return <span className="muted">{t('routing.state.none')}</span>;
}

function WhoCard({ load, limit, autoAssign }: { load: Overview; limit: number; autoAssign: boolean }) {
  const locale = useLocale();
  const rows = routingRows(load.agents, limit);
  const available = rows.filter((r) => r.state === 'available').length;
  return (
    <section className="card routing-who" aria-labelledby="routing-who-title">
      <div className="card-head">
        <h2 id="routing-who-title">{autoAssign ? t('routing.who') : t('routing.whoOff')}</h2>
        <span className="muted">{t('overview.updated', { time: time(load.generatedAt, locale) })}</span>
      </div>
      <p className="muted routing-rules">{t('routing.rules')}</p>
      {!rows.length ? (
        <p className="muted">{t('routing.empty')}</p>
      ) : (
        <>
          <p className="routing-summary">{t('routing.available', { n: available, total: rows.length })}</p>
          <table className="table routing-agents">
            <thead>
              <tr>
                <th scope="col">{t('routing.col.agent')}</th>
                <th scope="col">{t('routing.col.status')}</th>
                <th scope="col" className="num">
                  {t('routing.col.open', { max: limit })}
                </th>
                <th scope="col">{t('routing.col.routing')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.agentId} data-agent={r.agentId} data-state={r.state}>
                  <th scope="row">
                    <span className="agent-cell">
                      <Avatar id={r.agentId} name={r.name} size={24} presence={r.status} /> {r.name}
                    </span>
                  </th>
                  <td>
                    <span className={`presence-text ${r.status}`}>{t(`presence.${r.status}`)}</span>
                  </td>
                  <td className="num">
                    <span className="routing-load" aria-hidden="true">
                      {t('routing.load', { n: r.open, max: limit })}
                    </span>
                    <span className="visually-hidden">{t('routing.loadLabel', { n: r.open, max: limit })}</span>
                    {r.pending > 0 && <small className="muted routing-pending">{t('routing.pending', { n: r.pending })}</small>}
                  </td>
                  <td>
                    <StateCell row={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {load.truncated && <p className="muted">{t('routing.capped')}</p>}
        </>
      )}
    </section>
  );
}

export default function Routing() {
  const [settings, setSettings] = useState<RoutingSettings | null>(null);
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const { load, error: loadError, reload } = useLoad();
  const error = settingsError ?? loadError;

  useEffect(() => {
    const ctrl = new AbortController();
    const read = () =>
      api.get<RoutingSettings>('/routing/settings', { signal: ctrl.signal }).then(
        (s) => {
          setSettings(s);
          setSettingsError(null);
        },
        (e: unknown) => {
          if (!ctrl.signal.aborted) setSettingsError(e instanceof ApiError ? e.message : String(e));
        },
      );
    void read();
    // Another admin may have changed them while this screen was away.
    const off = live.on('resync', () => void read());
    return () => {
      ctrl.abort();
      off();
    };
  }, []);

  const saved = (s: RoutingSettings) => {
    setSettings(s);
    // Turned on, waiting cases go out within seconds: the table follows their pushes, and this read shows the new limit.
    reload();
  };

  return (
    <div className="page routing" aria-busy={!settings && !error}>
      <header className="page-head">
        <div>
          <h1>{t('routing.title')}</h1>
          <p className="muted">{t('routing.hint')}</p>
        </div>
      </header>
      {error && (
        <p className="form-error" role="alert">
          <Icon name="alert" size={14} />
          <span>{error}</span>
        </p>
      )}
      {settings && !settings.autoAssign && <p className="notice warn">{t('routing.off')}</p>}
      {settings ? <SettingsCard settings={settings} onSaved={saved} /> : !error && <Spinner />}
      {settings && load ? <WhoCard load={load} limit={settings.maxOpenPerAgent} autoAssign={settings.autoAssign} /> : !error && settings && <Spinner />}
    </div>
  );
}
