import { useEffect, useState } from 'react';
import { ApiError, api } from '../api';
import { channelIcon, Icon } from '../components/Icon';
import { Avatar, Empty, Spinner, toast } from '../components/ui';
import { dateTime } from '../format';
import { t, useLocale } from '../i18n';
import { useConsole } from '../state';
import { channelLabel, scoreLabel } from '../taxonomy';
import type { CsatReport, CsatSettings } from '../types';
import { CaseLink, DAY, PeriodControls, percent, usePeriodReport, type Period } from './report';

// Customer satisfaction (GET /csat/report): how customers rated the help they got, over the surveys sent in a period.
// A survey goes out when a person resolves a case (csat module); the customer answers 1–5 with an optional comment.
// CSAT is the share of answers that are 4 or 5. Admins turn surveys on or off (PUT /csat/settings); supervisors read.

const scores = [5, 4, 3, 2, 1] as const;

const decimal = (v: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
const average = (v: number | null, locale: string) => (v === null ? '—' : t('csat.averageValue', { n: decimal(v, locale) }));

function Score({ score }: { score: number }) {
  return (
    <span className={`pill csat-score csat-score-${score}`}>
      {t('csat.scoreOf', { score })} · {scoreLabel(score)}
    </span>
  );
}

/** Whether surveys are offered: admins switch it, supervisors read it. */
function SurveySwitch({ settings, onChange }: { settings: CsatSettings | null | 'error'; onChange: (s: CsatSettings) => void }) {
  const c = useConsole();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async (enabled: boolean) => {
    if (!settings || settings === 'error') return;
    const before = settings;
    // The switch moves at once (one that waits for the server looks broken); a refusal puts it back and says why.
    onChange({ enabled });
    setSaving(true);
    setError(null);
    try {
      const saved = await api.put<CsatSettings>('/csat/settings', { enabled });
      onChange(saved);
      toast(saved.enabled ? t('csat.turnedOn') : t('csat.turnedOff'), 'success');
    } catch (e) {
      onChange(before);
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <section className="card csat-settings" aria-labelledby="csat-settings-title">
      <h2 id="csat-settings-title">{t('csat.settings')}</h2>
      {settings === null ? (
        <Spinner />
      ) : settings === 'error' ? null : (
        <label className="check">
          <input type="checkbox" role="switch" checked={settings.enabled} disabled={!c.isAdmin || saving} onChange={(e) => void toggle(e.target.checked)} aria-describedby="csat-enabled-help" />
          <span>
            <strong>{t('csat.enabled')}</strong>
            <small id="csat-enabled-help" className="muted">
              {t('csat.enabledHelp')}
              {!c.isAdmin && ` ${t('csat.readOnly')}`}
            </small>
          </span>
        </label>
      )}
      {error && (
        <p className="form-error csat-settings-error" role="alert">
          <Icon name="alert" size={14} />
          <span>{error}</span>
        </p>
      )}
    </section>
  );
}

export default function Satisfaction() {
  const c = useConsole();
  const locale = useLocale();
  const [period, setPeriod] = useState<Period>(30);
  const { report, error: reportError, loading, tick, reload } = usePeriodReport<CsatReport>('/csat/report', period);
  const [settings, setSettings] = useState<CsatSettings | null | 'error'>(null);
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const error = reportError ?? settingsError;

  useEffect(() => {
    const ctrl = new AbortController();
    api.get<CsatSettings>('/csat/settings', { signal: ctrl.signal }).then(setSettings, (e: unknown) => {
      if (ctrl.signal.aborted) return;
      setSettings('error');
      setSettingsError(e instanceof ApiError ? e.message : String(e));
    });
    return () => ctrl.abort();
  }, [tick]);

  const agentName = (id: string | null, name?: string | null) => (id ? (name ?? c.agentName(id) ?? id) : t('csat.noAgent'));

  let body: React.ReactNode;
  if (error && !report) {
    body = (
      <p className="form-error" role="alert">
        <Icon name="alert" size={14} />
        <span>{error}</span>
      </p>
    );
  } else if (!report) {
    body = (
      <div className="pane-loading">
        <Spinner />
      </div>
    );
  } else if (report.sent === 0) {
    body = (
      <div className="card">
        <Empty icon="smile" title={t('csat.empty', { days: Math.round((Date.parse(report.to) - Date.parse(report.from)) / DAY) })}>
          <p>{settings && settings !== 'error' && !settings.enabled ? t('csat.emptyOff') : t('csat.emptyHint')}</p>
        </Empty>
      </div>
    );
  } else {
    const answered = report.answered;
    const max = Math.max(1, ...scores.map((s) => report.distribution[s] ?? 0));
    body = (
      <>
        {error && (
          <p className="form-error" role="alert">
            <Icon name="alert" size={14} />
            <span>{error}</span>
          </p>
        )}
        <div className="stats csat-stats">
          <div className="stat">
            <span className="stat-label">{t('csat.csat')}</span>
            <strong>{percent(report.csat, locale)}</strong>
            <small className="muted">{t('csat.csatHelp')}</small>
          </div>
          <div className="stat">
            <span className="stat-label">{t('csat.average')}</span>
            <strong>{average(report.average, locale)}</strong>
          </div>
          <div className="stat">
            <span className="stat-label">{t('csat.responseRate')}</span>
            <strong>{percent(report.responseRate, locale)}</strong>
            <small className="muted">{t('csat.responseHelp', { answered, sent: report.sent })}</small>
          </div>
          <div className="stat">
            <span className="stat-label">{t('csat.sent')}</span>
            <strong>{report.sent}</strong>
          </div>
          <div className="stat">
            <span className="stat-label">{t('csat.answered')}</span>
            <strong>{answered}</strong>
            {report.sent > answered && <small className="muted">{t('csat.notAnswered', { n: report.sent - answered })}</small>}
          </div>
        </div>
        <div className="cards">
          <section className="card" aria-labelledby="csat-distribution-title">
            <h2 id="csat-distribution-title">{t('csat.distribution')}</h2>
            {answered === 0 ? (
              <p className="muted">{t('csat.noAnswers')}</p>
            ) : (
              <table className="table csat-distribution">
                <thead>
                  <tr>
                    <th scope="col">{t('csat.rating')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('csat.share')}</span>
                    </th>
                    <th scope="col" className="num">
                      {t('csat.answers')}
                    </th>
                    <th scope="col" className="num">
                      {t('csat.share')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {scores.map((s) => {
                    const n = report.distribution[s] ?? 0;
                    return (
                      <tr key={s} data-score={s}>
                        <th scope="row">
                          {s} · {scoreLabel(s)}
                        </th>
                        <td className="csat-bar-cell">
                          <span className="bar-track" aria-hidden="true">
                            <span className={`bar-fill csat-fill-${s}`} style={{ width: `${(n / max) * 100}%` }} />
                          </span>
                        </td>
                        <td className="num">{n}</td>
                        <td className="num">{percent(n / answered, locale)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
          <section className="card" aria-labelledby="csat-agents-title">
            <h2 id="csat-agents-title">{t('csat.byAgent')}</h2>
            {report.byAgent.length === 0 ? (
              <p className="muted">{t('csat.noAnswers')}</p>
            ) : (
              <table className="table csat-agents">
                <thead>
                  <tr>
                    <th scope="col">{t('csat.agent')}</th>
                    <th scope="col" className="num">
                      {t('csat.answers')}
                    </th>
                    <th scope="col" className="num">
                      {t('csat.csat')}
                    </th>
                    <th scope="col" className="num">
                      {t('csat.average')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...report.byAgent]
                    .sort((a, b) => b.answered - a.answered)
                    .map((a) => (
                      <tr key={a.agentId ?? 'none'}>
                        <td>
                          {a.agentId ? (
                            <span className="agent-cell">
                              <Avatar id={a.agentId} name={agentName(a.agentId, a.name)} size={22} /> {agentName(a.agentId, a.name)}
                            </span>
                          ) : (
                            <span className="muted">{t('csat.noAgent')}</span>
                          )}
                        </td>
                        <td className="num">{a.answered}</td>
                        <td className="num">{percent(a.csat, locale)}</td>
                        <td className="num">{average(a.average, locale)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card" aria-labelledby="csat-channels-title">
            <h2 id="csat-channels-title">{t('csat.byChannel')}</h2>
            <table className="table csat-channels">
              <thead>
                <tr>
                  <th scope="col">{t('csat.channel')}</th>
                  <th scope="col" className="num">
                    {t('csat.sent')}
                  </th>
                  <th scope="col" className="num">
                    {t('csat.answered')}
                  </th>
                  <th scope="col" className="num">
                    {t('csat.csat')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...report.byChannel]
                  .sort((a, b) => b.sent - a.sent)
                  .map((ch) => (
                    <tr key={ch.channel}>
                      <td>
                        <span className="agent-cell">
                          <Icon name={channelIcon[ch.channel] ?? 'globe'} size={14} /> {channelLabel(ch.channel)}
                        </span>
                      </td>
                      <td className="num">{ch.sent}</td>
                      <td className="num">{ch.answered}</td>
                      <td className="num">{percent(ch.csat, locale)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        </div>
        <section className="card csat-recent" aria-labelledby="csat-recent-title">
          <h2 id="csat-recent-title">{t('csat.recent')}</h2>
          {report.recent.length === 0 ? (
            <p className="muted">{t('csat.recentNone')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('csat.rating')}</th>
                  <th scope="col">{t('csat.comment')}</th>
                  <th scope="col">{t('csat.case')}</th>
                  <th scope="col">{t('csat.agent')}</th>
                  <th scope="col">{t('csat.answeredAt')}</th>
                </tr>
              </thead>
              <tbody>
                {report.recent.map((r) => (
                  <tr key={`${r.caseId}:${r.answeredAt}`} className={r.score <= 2 ? 'low' : undefined}>
                    <td>
                      <Score score={r.score} />
                    </td>
                    <td className="csat-comment">{r.comment ? <q>{r.comment}</q> : <span className="muted">{t('csat.noComment')}</span>}</td>
                    <td>
                      <span className="csat-case">
                        <CaseLink id={r.caseId} reference={r.reference} />
                        <span className="muted">
                          <Icon name={channelIcon[r.channel] ?? 'globe'} size={12} /> {channelLabel(r.channel)}
                        </span>
                      </span>
                    </td>
                    <td>{r.agentId ? agentName(r.agentId) : <span className="muted">{t('csat.noAgent')}</span>}</td>
                    <td>
                      <time dateTime={r.answeredAt}>{dateTime(r.answeredAt, locale)}</time>
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

  return (
    <div className="page csat" aria-busy={loading}>
      <header className="page-head">
        <div>
          <h1>{t('csat.title')}</h1>
          <p className="muted">{t('csat.hint')}</p>
          {report && (
            <p className="muted csat-range">{t('csat.range', { from: dateTime(report.from, locale), to: dateTime(report.to, locale) })}</p>
          )}
        </div>
        <PeriodControls name="csat" period={period} onPeriod={setPeriod} onRefresh={reload} />
      </header>
      {body}
      <SurveySwitch settings={settings} onChange={setSettings} />
    </div>
  );
}
