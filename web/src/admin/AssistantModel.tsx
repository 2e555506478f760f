import { useEffect, useState } from 'react';
import { ApiError, api, query } from '../api';
import { Icon } from '../components/Icon';
import { Spinner, toast } from '../components/ui';
import { dateTime } from '../format';
import { t, useLocale } from '../i18n';
import { useConsole } from '../state';
import { categoryLabel } from '../taxonomy';
import type { AssistantCorrection, AssistantModelInfo, RetrainResult } from '../types';

// The intent model the assistant reads customers' messages with (GET /assistant/model): the one shipped with Sapa, or
// one an admin retrained with agents' corrections (POST /assistant/model/retrain, about 10 s). The server installs a
// retrained model only if it reads the shipped held-out messages at most half a point worse than the model in force;
// otherwise it says so and nothing changes. Admins can put the shipped model back (DELETE). Supervisors read it all.

/** The newest corrections shown (GET /assistant/examples lists them newest first). */
const LATEST = 5;

/** "92.4%" in the console's language: held-out accuracies are fractions. */
const percent = (v: number, locale: string) => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
const correctionsText = (n: number) => (n === 1 ? t('assistantModel.correctionsOne') : t('assistantModel.corrections', { n }));

export function AssistantModel() {
  const c = useConsole();
  const locale = useLocale();
  const [info, setInfo] = useState<AssistantModelInfo | null>(null);
  const [corrections, setCorrections] = useState<AssistantCorrection[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'retrain' | 'shipped' | null>(null);
  const [result, setResult] = useState<RetrainResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    Promise.all([
      api.get<AssistantModelInfo>('/assistant/model', { signal: ctrl.signal }),
      api.get<{ items: AssistantCorrection[] }>('/assistant/examples', { signal: ctrl.signal }),
    ]).then(
      ([m, ex]) => {
        setInfo(m);
        setCorrections(ex.items);
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted) setLoadError(e instanceof ApiError ? e.message : String(e));
      },
    );
    return () => ctrl.abort();
  }, []);

  const retrain = async () => {
    setBusy('retrain');
    setError(null);
    setResult(null);
    try {
      const r = await api.post<RetrainResult>(`/assistant/model/retrain${query({ locale })}`, {});
      setInfo(r.model);
      setResult(r);
      if (r.installed) toast(t('assistantModel.installed'), 'success');
    } catch (e) {
      // 422 no corrections, 409 another retraining running, 503 it failed: the model in force stays, the server says why.
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const restoreShipped = async () => {
    if (!confirm(t('assistantModel.useShippedConfirm'))) return;
    setBusy('shipped');
    setError(null);
    setResult(null);
    try {
      setInfo(await api.delete<AssistantModelInfo>(`/assistant/model${query({ locale })}`));
      toast(t('assistantModel.shippedBack'), 'success');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  let body;
  if (loadError) {
    body = (
      <p className="form-error" role="alert">
        {loadError}
      </p>
    );
  } else if (!info || !corrections) {
    body = <Spinner />;
  } else {
    const retrained = info.source === 'retrained';
    const by = retrained ? c.agentName(info.trainedBy) : null;
    const trainedAt = info.trainedAt ? Date.parse(info.trainedAt) : 0;
    const pending = info.newCorrections;
    const latest = corrections.slice(0, LATEST);
    body = (
      <>
        <p className="assistant-model-in-force">
          <strong>
            {!retrained
              ? t('assistantModel.shipped')
              : by
                ? t('assistantModel.retrainedBy', { date: dateTime(info.trainedAt!, locale), name: by, corrections: correctionsText(info.corrections ?? 0) })
                : t('assistantModel.retrained', { date: dateTime(info.trainedAt!, locale), corrections: correctionsText(info.corrections ?? 0) })}
          </strong>
          {info.heldOutAccuracy !== null && (
            <>
              {' '}
              <span className="muted">{t('assistantModel.accuracy', { accuracy: percent(info.heldOutAccuracy, locale) })}</span>
            </>
          )}
        </p>
        <p className="assistant-model-pending">
          <span>
            {pending > 0
              ? pending === 1
                ? t('assistantModel.pendingOne')
                : t('assistantModel.pending', { n: pending })
              : corrections.length
                ? t('assistantModel.pendingNone')
                : t('assistantModel.noCorrections')}
          </span>
          {corrections.length > 0 && (
            <>
              {' '}
              <a className="assistant-model-download" href="/api/v1/assistant/examples?format=csv" download="sapa-corrections.csv">
                <Icon name="download" size={13} /> {t('assistantModel.download')}
              </a>
            </>
          )}
        </p>
        {latest.length > 0 && (
          <table className="table assistant-model-latest">
            <caption className="muted">{t('assistantModel.latest')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assistantModel.message')}</th>
                <th scope="col">{t('assistantModel.correctedTo')}</th>
                <th scope="col">{t('assistantModel.readAs')}</th>
              </tr>
            </thead>
            <tbody>
              {latest.map((x) => (
                <tr key={x.id}>
                  <td className="assistant-model-text" title={x.text}>
                    {x.text}
                    {Date.parse(x.createdAt) > trainedAt && (
                      <>
                        {' '}
                        <span className="pill assistant-model-new">{t('assistantModel.new')}</span>
                      </>
                    )}
                  </td>
                  <td>{categoryLabel(x.intent)}</td>
                  <td className="muted">{x.previousIntent ? categoryLabel(x.previousIntent) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {busy === 'retrain' && (
          <p className="notice assistant-model-training" role="status">
            <span className="spinner" aria-hidden="true" />
            <span>{t('assistantModel.training')}</span>
          </p>
        )}
        {result &&
          (result.installed ? (
            <p className="notice assistant-model-result">
              <Icon name="check" size={13} />
              <span>{t('assistantModel.accuracyChange', { before: percent(result.previousAccuracy, locale), after: percent(result.heldOutAccuracy, locale) })}</span>
            </p>
          ) : (
            <p className="notice warn assistant-model-result">
              <Icon name="alert" size={13} />
              <span>{t('assistantModel.notInstalled', { after: percent(result.heldOutAccuracy, locale), before: percent(result.previousAccuracy, locale) })}</span>
            </p>
          ))}
        {error && (
          <p className="form-error" role="alert">
            <Icon name="alert" size={14} />
            <span>{error}</span>
          </p>
        )}
        {c.isAdmin && (
          <div className="form-actions assistant-model-actions">
            {retrained && (
              <button type="button" className="button ghost" disabled={busy !== null} onClick={() => void restoreShipped()}>
                {t('assistantModel.useShipped')}
              </button>
            )}
            {/* Retraining with nothing new would only train the model in force again. */}
            <button type="button" className="button primary" disabled={busy !== null || pending === 0} onClick={() => void retrain()}>
              {busy === 'retrain' ? t('assistantModel.retraining') : pending === 1 ? t('assistantModel.retrainOne') : t('assistantModel.retrain', { n: pending })}
            </button>
          </div>
        )}
      </>
    );
  }

  return (
    <section className="card assistant-model" aria-labelledby="assistant-model-title" aria-busy={busy === 'retrain'}>
      <h2 id="assistant-model-title">{t('assistantModel.title')}</h2>
      <p className="muted">{t('assistantModel.hint')}</p>
      {!c.isAdmin && <p className="muted">{t('assistantModel.readOnly')}</p>}
      {body}
    </section>
  );
}
