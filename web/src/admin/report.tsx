import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, query } from '../api';
import { ChoiceAndRefresh } from '../components/ui';
import { t } from '../i18n';
import { href, navigate } from '../router';

// What the supervisors' report screens share (Satisfaction, Service levels): a period of the last 7, 30 or 90 days,
// the report of that period read again on demand, links to cases, and ratios as percentages.

export const periods = [7, 30, 90] as const;
export type Period = (typeof periods)[number];
export const DAY = 86_400_000;

export const percent = (v: number | null | undefined, locale: string) => (v == null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v));

/**
 * `GET path?from=` for the last `period` days, read again when the period changes or `reload` is called; the previous
 * report stays on screen while the next loads, and an error is the server's message in the agent's language.
 */
export function usePeriodReport<T>(path: string, period: Period): { report: T | null; error: string | null; loading: boolean; tick: number; reload: () => void } {
  const [report, setReport] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<T>(`${path}${query({ from: new Date(Date.now() - period * DAY).toISOString() })}`, { signal: ctrl.signal }).then(
      (r) => {
        setReport(r);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(e instanceof ApiError ? e.message : String(e));
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [path, period, tick]);
  return { report, error, loading, tick, reload };
}

/** The period buttons and "Refresh"; `name` keys the radio group and the texts (`<name>.period`, `<name>.period.30`). */
export function PeriodControls({ name, period, onPeriod, onRefresh }: { name: 'csat' | 'sla'; period: Period; onPeriod: (p: Period) => void; onRefresh: () => void }) {
  return (
    <div className="csat-controls">
      <ChoiceAndRefresh name={`${name}-period`} legend={t(`${name}.period`)} options={periods} value={period} label={(p) => t(`${name}.period.${p}`)} onChange={onPeriod} onRefresh={onRefresh} />
    </div>
  );
}

/** A link to the case in the console (a real link: it opens in a new tab with Ctrl or ⌘). */
export function CaseLink({ id, reference }: { id: string; reference: string }) {
  return (
    <a
      className="mono"
      href={href(`/cases/${id}`)}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(`/cases/${id}`);
      }}
    >
      {reference}
    </a>
  );
}
