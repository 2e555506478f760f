import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../api';
import { channelIcon, Icon } from '../components/Icon';
import { Avatar, Empty, Spinner, useNow } from '../components/ui';
import { relative, time } from '../format';
import { t, useLocale } from '../i18n';
import { live, useConnState } from '../live';
import { categoryLabel, channelLabel } from '../taxonomy';
import type { Overview as Data } from '../types';

const ages = ['lt1h', '1to4h', '4to24h', '1to3d', 'gt3d'] as const;

function Bars({ data, label, icon }: { data: [string, number][]; label: (k: string) => string; icon?: (k: string) => Parameters<typeof Icon>[0]['name'] }) {
  const max = Math.max(1, ...data.map(([, n]) => n));
  if (!data.length) return <p className="muted">{t('overview.none')}</p>;
  return (
    <ul className="bars">
      {data.map(([k, n]) => (
        <li key={k}>
          <span className="bar-label">
            {icon && <Icon name={icon(k)} size={13} />} {label(k)}
          </span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${(n / max) * 100}%` }} />
          </span>
          <span className="bar-value">{n}</span>
        </li>
      ))}
    </ul>
  );
}

export default function Overview() {
  const locale = useLocale();
  const conn = useConnState();
  const now = useNow(30_000);
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.get<Data>('/console/overview').then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, conn === 'live' ? 20_000 : 8_000);
    const offs = [live.on('case:created', load), live.on('case:updated', load), live.on('presence', load)];
    return () => {
      clearInterval(timer);
      offs.forEach((off) => off());
    };
  }, [load, conn]);

  if (!data) {
    return error ? <Empty icon="alert" title={error} /> : <div className="pane-loading"><Spinner /></div>;
  }
  const sorted = (r: Record<string, number>) => Object.entries(r).sort((a, b) => b[1] - a[1]);
  const online = data.agents.filter((a) => a.status !== 'offline');
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('overview.title')}</h1>
          <p className="muted">
            {t('overview.updated', { time: time(data.generatedAt, locale) })}
            {data.truncated ? ` · ${t('overview.truncated')}` : ''}
          </p>
        </div>
        <button type="button" className="button small" onClick={load}>
          <Icon name="refresh" size={14} /> {t('inbox.refresh')}
        </button>
      </header>
      <div className="stats">
        <div className="stat">
          <span className="stat-label">{t('overview.open')}</span>
          <strong>{data.totals.open}</strong>
        </div>
        <div className="stat">
          <span className="stat-label">{t('overview.pending')}</span>
          <strong>{data.totals.pending}</strong>
        </div>
        <div className="stat">
          <span className="stat-label">{t('overview.unassigned')}</span>
          <strong>{data.totals.unassigned}</strong>
        </div>
        <div className="stat">
          <span className="stat-label">{t('overview.waiting')}</span>
          <strong>{data.totals.waiting}</strong>
          {data.totals.oldestWaitingSince && <small className="muted">{t('overview.oldest', { age: relative(data.totals.oldestWaitingSince, locale, now) })}</small>}
        </div>
        <div className="stat">
          <span className="stat-label">{t('overview.withAssistant')}</span>
          <strong>{data.totals.withAssistant}</strong>
        </div>
        <div className="stat">
          <span className="stat-label">{t('overview.agentsOnline')}</span>
          <strong>{online.length}</strong>
        </div>
      </div>
      <div className="cards">
        <section className="card">
          <h2>{t('overview.byChannel')}</h2>
          <Bars data={sorted(data.byChannel)} label={channelLabel} icon={(k) => channelIcon[k] ?? 'globe'} />
        </section>
        <section className="card">
          <h2>{t('overview.byAge')}</h2>
          <Bars data={ages.map((a) => [a, data.byAge[a] ?? 0])} label={(k) => t(`age.${k as (typeof ages)[number]}`)} />
          <h3 className="subheading">{t('overview.byWaiting')}</h3>
          <Bars data={ages.map((a) => [a, data.byWaiting[a] ?? 0])} label={(k) => t(`age.${k as (typeof ages)[number]}`)} />
        </section>
        <section className="card">
          <h2>{t('overview.byCategory')}</h2>
          <Bars data={sorted(data.byCategory)} label={categoryLabel} />
        </section>
        <section className="card">
          <h2>{t('overview.agents')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('overview.presence')}</th>
                <th scope="col" className="num">
                  {t('overview.load')}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...data.agents]
                .sort((a, b) => Number(a.status === 'offline') - Number(b.status === 'offline') || b.load - a.load)
                .map((a) => (
                  <tr key={a.agentId}>
                    <td>
                      <span className="agent-cell">
                        <Avatar id={a.agentId} name={a.name} size={24} presence={a.status} /> {a.name}
                      </span>
                    </td>
                    <td>
                      <span className={`presence-text ${a.status}`}>{t(`presence.${a.status}`)}</span>
                    </td>
                    <td className="num">{a.load}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
