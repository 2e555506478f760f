import { useEffect, useState } from 'react';
import { ApiError, api } from '../api';
import { Icon } from '../components/Icon';
import { Spinner, toast } from '../components/ui';
import { dateTime } from '../format';
import { t, useLocale } from '../i18n';
import { clockLabel, duration, targetField } from '../sla';
import { useConsole } from '../state';
import { priorityLabel } from '../taxonomy';
import { slaClockNames, type Priority, type SlaClockName, type SlaFigures, type SlaPolicy, type SlaReport, type SlaTarget } from '../types';
import { CaseLink, PeriodControls, percent, usePeriodReport, type Period } from './report';

// Service levels (sla module): the targets per priority an admin sets (GET/PUT /sla/policy; supervisors read them) and
// how well they were kept (GET /sla/report) over a period.

/** Most urgent first, as people read a policy. */
const rows: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];
type TargetKey = keyof SlaTarget;
const targetKeys: Record<SlaClockName, TargetKey> = { firstResponse: 'firstResponseMinutes', nextResponse: 'nextResponseMinutes', resolution: 'resolutionMinutes' };
const MAX_MINUTES = 525_600;

type Draft = { enabled: boolean; businessHours: boolean; targets: Record<Priority, Record<TargetKey, string>> };

function draftOf(p: SlaPolicy): Draft {
  const targets = {} as Draft['targets'];
  for (const pr of rows) {
    const tg = p.targets[pr];
    targets[pr] = {
      firstResponseMinutes: tg?.firstResponseMinutes == null ? '' : String(tg.firstResponseMinutes),
      nextResponseMinutes: tg?.nextResponseMinutes == null ? '' : String(tg.nextResponseMinutes),
      resolutionMinutes: tg?.resolutionMinutes == null ? '' : String(tg.resolutionMinutes),
    };
  }
  return { enabled: p.enabled, businessHours: p.businessHours, targets };
}

const minutesOf = (v: string): number | null => (v.trim() === '' ? null : Number(v.trim()));

/** A typed value as the policy would read it: "1 h 30 min", "No target", or nothing while it is not a valid number. */
function friendly(v: string): string | null {
  const n = minutesOf(v);
  if (n === null) return t('sla.noTarget');
  return Number.isInteger(n) && n >= 1 && n <= MAX_MINUTES ? duration(n, true) : null;
}

const fieldId = (p: Priority, k: TargetKey) => `${p}.${k}`; // as targetField names it

interface Problem {
  message: string;
  /** By input (priority.key): what to say under it. */
  fields: Map<string, string>;
}

function problemOf(e: unknown): Problem {
  if (!(e instanceof ApiError)) return { message: String(e), fields: new Map() };
  const fields = new Map<string, string>();
  const d = e.details;
  if (Array.isArray(d)) {
    for (const f of d as { field?: unknown }[]) {
      const id = typeof f?.field === 'string' ? targetField(f.field) : null;
      if (id) fields.set(id, t('sla.problem.minutes'));
    }
  } else if (d && typeof d === 'object' && 'field' in d && typeof d.field === 'string') {
    const id = targetField(d.field, (d as { priority?: unknown }).priority);
    // A 422 says it all in its message: it goes under the field it names.
    if (id) fields.set(id, e.message);
  }
  return { message: e.message, fields };
}


function PolicyCard({ policy, onSaved }: { policy: SlaPolicy; onSaved: (p: SlaPolicy) => void }) {
  const c = useConsole();
  const [draft, setDraft] = useState(() => draftOf(policy));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const readOnly = !c.isAdmin;
  useEffect(() => setDraft(draftOf(policy)), [policy]);

  const setTarget = (p: Priority, k: TargetKey, v: string) => setDraft((d) => ({ ...d, targets: { ...d.targets, [p]: { ...d.targets[p], [k]: v } } }));

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (readOnly) return;
    setSaving(true);
    setProblem(null);
    const targets = Object.fromEntries(
      rows.map((p) => [p, { firstResponseMinutes: minutesOf(draft.targets[p].firstResponseMinutes), nextResponseMinutes: minutesOf(draft.targets[p].nextResponseMinutes), resolutionMinutes: minutesOf(draft.targets[p].resolutionMinutes) }]),
    );
    try {
      const saved = await api.put<SlaPolicy>('/sla/policy', { enabled: draft.enabled, businessHours: draft.businessHours, targets });
      onSaved(saved);
      toast(t('sla.saved'), 'success');
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card sla-policy" aria-labelledby="sla-policy-title" onSubmit={(e) => void save(e)} noValidate>
      <h2 id="sla-policy-title">{t('sla.policy')}</h2>
      {readOnly && <p className="muted">{t('sla.readOnly')}</p>}
      <label className="check">
        <input type="checkbox" role="switch" checked={draft.enabled} disabled={readOnly || saving} onChange={(e) => setDraft((d) => ({ ...d, enabled: e.target.checked }))} aria-describedby="sla-enabled-help" />
        <span>
          <strong>{t('sla.enabled')}</strong>
          <small id="sla-enabled-help" className="muted">
            {t('sla.enabledHelp')}
          </small>
        </span>
      </label>
      <label className="check">
        <input type="checkbox" role="switch" checked={draft.businessHours} disabled={readOnly || saving} onChange={(e) => setDraft((d) => ({ ...d, businessHours: e.target.checked }))} aria-describedby="sla-hours-help" />
        <span>
          <strong>{t('sla.businessHours')}</strong>
          <small id="sla-hours-help" className="muted">
            {t('sla.businessHoursHelp')} <span className="sla-counted">{t('sla.countedHours', { hours: policy.countedHours })}</span>
          </small>
        </span>
      </label>
      <p id="sla-targets-help" className="muted">
        {t('sla.targetsHelp')}
      </p>
      <table className="table sla-targets">
        <thead>
          <tr>
            <th scope="col">{t('sla.priority')}</th>
            {slaClockNames.map((k) => (
              <th key={k} scope="col">
                {clockLabel(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p} data-priority={p}>
              <th scope="row">{priorityLabel(p)}</th>
              {slaClockNames.map((clock) => {
                const k = targetKeys[clock];
                const id = fieldId(p, k);
                const value = draft.targets[p][k];
                const shown = friendly(value);
                const error = problem?.fields.get(id);
                const base = `sla-${p}-${k}`;
                return (
                  <td key={k}>
                    <div className="sla-target">
                      <input
                        id={base}
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={MAX_MINUTES}
                        step={1}
                        value={value}
                        readOnly={readOnly}
                        onChange={(e) => setTarget(p, k, e.target.value)}
                        aria-label={t('sla.targetInput', { clock: clockLabel(clock), priority: priorityLabel(p) })}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={[`${base}-friendly`, error ? `${base}-error` : ''].filter(Boolean).join(' ')}
                      />
                      <span id={`${base}-friendly`} className="sla-friendly">
                        {shown ?? ''}
                      </span>
                    </div>
                    {error && (
                      <span id={`${base}-error`} className="sla-field-error">
                        {error}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {problem && (
        <p className="form-error" role="alert">
          <Icon name="alert" size={14} />
          <span>{problem.message}</span>
        </p>
      )}
      {!readOnly && (
        <div className="sla-policy-actions">
          <button type="submit" className="button primary" disabled={saving}>
            {saving ? t('sla.saving') : t('sla.save')}
          </button>
        </div>
      )}
    </form>
  );
}

function FiguresCells({ f, locale }: { f: SlaFigures | undefined; locale: string }) {
  return (
    <>
      <td className="num">{f?.met ?? 0}</td>
      <td className="num">{f?.breached ?? 0}</td>
      <td className="num">{f?.running ?? 0}</td>
      <td className="num">{percent(f?.compliance, locale)}</td>
    </>
  );
}

function ReportView({ report, locale }: { report: SlaReport; locale: string }) {
  const head = (
    <>
      <th scope="col" className="num">
        {t('sla.met')}
      </th>
      <th scope="col" className="num">
        {t('sla.breached')}
      </th>
      <th scope="col" className="num">
        {t('sla.running')}
      </th>
      <th scope="col" className="num">
        {t('sla.compliance')}
      </th>
    </>
  );
  return (
    <>
      <div className="cards">
        <section className="card" aria-labelledby="sla-clocks-title">
          <h2 id="sla-clocks-title">{t('sla.byClock')}</h2>
          <table className="table sla-compliance">
            <thead>
              <tr>
                <th scope="col">{t('sla.clock')}</th>
                {head}
              </tr>
            </thead>
            <tbody>
              {slaClockNames.map((k) => (
                <tr key={k} data-clock={k}>
                  <th scope="row">{clockLabel(k)}</th>
                  <FiguresCells f={report.clocks?.[k]} locale={locale} />
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('sla.complianceHelp')}</p>
        </section>
        <section className="card" aria-labelledby="sla-priority-title">
          <h2 id="sla-priority-title">{t('sla.byPriority')}</h2>
          <table className="table sla-by-priority">
            <thead>
              <tr>
                <th scope="col">{t('sla.priority')}</th>
                <th scope="col">{t('sla.clock')}</th>
                {head}
              </tr>
            </thead>
            <tbody>
              {rows.flatMap((p) =>
                slaClockNames.map((k, i) => (
                  <tr key={`${p}.${k}`} data-priority={p} data-clock={k}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={slaClockNames.length}>
                        {priorityLabel(p)}
                      </th>
                    )}
                    <th scope="row">{clockLabel(k)}</th>
                    <FiguresCells f={report.byPriority?.[p]?.[k]} locale={locale} />
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </section>
      </div>
      <section className="card sla-breaches" aria-labelledby="sla-breaches-title">
        <h2 id="sla-breaches-title">{t('sla.breaches')}</h2>
        {!report.recentBreaches?.length ? (
          <p className="muted">{t('sla.breachesNone')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('sla.case')}</th>
                <th scope="col">{t('sla.priority')}</th>
                <th scope="col">{t('sla.clock')}</th>
                <th scope="col">{t('sla.dueAt')}</th>
                <th scope="col">{t('sla.breachedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {report.recentBreaches.map((b) => (
                <tr key={`${b.caseId}:${b.clock}:${b.breachedAt}`}>
                  <td>
                    <CaseLink id={b.caseId} reference={b.reference} /> <span className="muted">{b.subject ?? t('case.noSubject')}</span>
                  </td>
                  <td>
                    <span className={`pill priority-${b.priority}`}>{priorityLabel(b.priority)}</span>
                  </td>
                  <td>{clockLabel(b.clock)}</td>
                  <td>
                    <time dateTime={b.dueAt}>{dateTime(b.dueAt, locale)}</time>
                  </td>
                  <td>
                    <time dateTime={b.breachedAt}>{dateTime(b.breachedAt, locale)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

export default function ServiceLevels() {
  const locale = useLocale();
  const [period, setPeriod] = useState<Period>(30);
  const [policy, setPolicy] = useState<SlaPolicy | null>(null);
  const { report, error: reportError, loading, tick, reload } = usePeriodReport<SlaReport>('/sla/report', period);
  const [policyError, setPolicyError] = useState<string | null>(null);
  const error = policyError ?? reportError;

  useEffect(() => {
    const ctrl = new AbortController();
    api.get<SlaPolicy>('/sla/policy', { signal: ctrl.signal }).then(setPolicy, (e: unknown) => {
      if (!ctrl.signal.aborted) setPolicyError(e instanceof ApiError ? e.message : String(e));
    });
    return () => ctrl.abort();
  }, [tick]);

  const saved = (p: SlaPolicy) => {
    setPolicy(p);
    reload();
  };

  return (
    <div className="page sla" aria-busy={loading}>
      <header className="page-head">
        <div>
          <h1>{t('sla.title')}</h1>
          <p className="muted">{t('sla.hint')}</p>
        </div>
      </header>
      {error && (
        <p className="form-error" role="alert">
          <Icon name="alert" size={14} />
          <span>{error}</span>
        </p>
      )}
      {policy && !policy.enabled && <p className="notice warn">{t('sla.off')}</p>}
      {policy ? <PolicyCard policy={policy} onSaved={saved} /> : !error && <Spinner />}
      <section className="sla-report" aria-labelledby="sla-report-title">
        <header className="page-head">
          <div>
            <h2 id="sla-report-title">{t('sla.report')}</h2>
            {report && <p className="muted">{t('sla.range', { from: dateTime(report.from, locale), to: dateTime(report.to, locale), n: report.cases })}</p>}
          </div>
          <PeriodControls name="sla" period={period} onPeriod={setPeriod} onRefresh={reload} />
        </header>
        {report ? <ReportView report={report} locale={locale} /> : !error && <Spinner />}
      </section>
    </div>
  );
}
