import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, query } from '../api';
import { channelIcon, Icon } from '../components/Icon';
import { SLA_REFRESH_MS, SlaChipView } from '../components/Sla';
import { Empty, NotLoaded } from '../components/ui';
import { t } from '../i18n';
import { keepFresh, live } from '../live';
import { href, navigate } from '../router';
import { duration } from '../sla';
import { useConsole } from '../state';
import { channelLabel, priorityLabel, statusLabel } from '../taxonomy';
import type { SlaAtRisk } from '../types';

const windows = [30, 60, 240, 1440] as const;
type Window = (typeof windows)[number];
const WINDOW_KEY = 'sapa.console.atRiskWithin';

function savedWindow(): Window {
  const n = Number(sessionStorage.getItem(WINDOW_KEY));
  return (windows as readonly number[]).includes(n) ? (n as Window) : 60;
}

/**
 * The inbox's "At risk" view (GET /sla/at-risk): open and pending cases past a target or due within the window,
 * overdue first, as the server orders them. Read each minute and shortly after any case changes.
 */
export function AtRiskList({ selectedId, now }: { selectedId: string | null; now: number }) {
  const c = useConsole();
  const [within, setWithin] = useState<Window>(savedWindow);
  const [items, setItems] = useState<SlaAtRisk['items'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const r = await api.get<SlaAtRisk>(`/sla/at-risk${query({ withinMinutes: within })}`);
      if (mine !== seq.current) return;
      setItems(r.items);
      setError(null);
    } catch (e) {
      if (mine !== seq.current) return;
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [within]);

  useEffect(() => {
    sessionStorage.setItem(WINDOW_KEY, String(within));
    return keepFresh(() => void load(), SLA_REFRESH_MS, (soon) => [live.on('case:updated', soon), live.on('case:created', soon), live.on('message', (m) => !m.internal && soon()), live.on('resync', soon)]);
  }, [load, within]);

  c.caseOrder.current = (items ?? []).map((x) => x.case.id);

  return (
    <section className="list-pane at-risk" aria-labelledby="inbox-title">
      <header className="list-head">
        <div className="list-title-row">
          <h1 id="inbox-title">{t('view.atRisk')}</h1>
          {items && (
            <span className="list-count" aria-label={t('inbox.shownCount', { n: items.length })}>
              {items.length}
            </span>
          )}
          <select className="sort-select" aria-label={t('atRisk.within')} title={t('atRisk.within')} value={within} onChange={(e) => setWithin(Number(e.target.value) as Window)}>
            {windows.map((w) => (
              <option key={w} value={w}>
                {t('atRisk.within')} {duration(w)}
              </option>
            ))}
          </select>
          <button type="button" className="icon-button" onClick={() => void load()} aria-label={t('inbox.refresh')} title={t('inbox.refresh')}>
            <Icon name="refresh" size={14} />
          </button>
        </div>
        <p className="muted at-risk-hint">{t('atRisk.hint')}</p>
      </header>
      {error && items && (
        <div className="stale-banner" role="status">
          <Icon name="refresh" size={14} />
          <span>{t('inbox.stale')}</span>
        </div>
      )}
      <div className="case-list" aria-busy={loading}>
        {items === null ? (
          <NotLoaded error={error} failedTitle={t('atRisk.loadFailed')} onRetry={() => void load()} />
        ) : !items.length ? (
          <Empty icon="clock" title={t('atRisk.empty', { time: duration(within) })} />
        ) : (
          <ul className="rows" aria-label={t('view.atRisk')}>
            {items.map(({ case: k, sla }) => (
              <li key={k.id} id={`case-row-${k.id}`}>
                <a
                  href={href(`/cases/${k.id}`)}
                  className={`case-row${k.id === selectedId ? ' selected' : ''}`}
                  aria-current={k.id === selectedId ? 'true' : undefined}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    navigate(`/cases/${k.id}`);
                  }}
                >
                  <div className="case-row-main">
                    <div className="case-row-top">
                      <span className="case-customer">{k.subject || t('case.noSubject')}</span>
                      <span className="case-channel" title={channelLabel(k.channel)}>
                        <Icon name={channelIcon[k.channel] ?? 'globe'} size={12} />
                        <span className="visually-hidden">{channelLabel(k.channel)}</span>
                      </span>
                    </div>
                    <div className="case-row-meta">
                      <span className="case-ref">{k.reference}</span>
                      <SlaChipView sla={sla} now={now} />
                      <span className={`pill status-${k.status}`}>{statusLabel(k.status)}</span>
                      <span className={`pill priority-${k.priority}`}>{priorityLabel(k.priority)}</span>
                      {k.assigneeId ? <span className="case-category">{c.agentName(k.assigneeId) ?? ''}</span> : <span className="case-category">{t('view.unassigned')}</span>}
                    </div>
                  </div>
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
