import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, query } from '../api';
import { channelIcon, Icon } from '../components/Icon';
import { Dialog } from '../components/ui';
import { dateTime, relative } from '../format';
import { t } from '../i18n';
import { channelLabel, statusLabel } from '../taxonomy';
import type { CaseView, Page } from '../types';

export interface MergeResult {
  /** The surviving case. */
  case: CaseView;
  /** The duplicate, now closed. */
  merged: CaseView;
}

interface Props {
  /** The duplicate: the case being merged into another. */
  source: CaseView;
  open: boolean;
  onClose: () => void;
  onMerged: (result: MergeResult) => void;
  locale: string;
}

/** A reference typed or pasted loosely ("sp-abcd ", "#SP-ABCD"): as the server stores them. */
const cleanReference = (s: string) => s.trim().replace(/^#/, '');

/**
 * Merges a duplicate case into another of the same customer (POST /cases/:id/merge): choose the other case from the
 * customer's open ones or find it by reference, read what will happen, confirm. The server's refusal is shown here.
 */
export function MergeDialog({ source, open, onClose, onMerged, locale }: Props) {
  const [candidates, setCandidates] = useState<CaseView[] | null | 'error'>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<CaseView[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [target, setTarget] = useState<CaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const ids = useId();

  // Each opening starts afresh, with the customer's other cases that are not closed.
  useEffect(() => {
    if (!open) return;
    setQ('');
    setFound(null);
    setTarget(null);
    setError(null);
    setBusy(false);
    if (!source.customerId) {
      setCandidates([]);
      return;
    }
    setCandidates(null);
    const ctrl = new AbortController();
    api
      .get<Page<CaseView>>(`/cases${query({ customerId: source.customerId, status: ['open', 'pending', 'resolved'], limit: 50 })}`, { signal: ctrl.signal })
      .then(
        (r) => setCandidates(r.items.filter((x) => x.id !== source.id)),
        (e: unknown) => {
          if (!(e instanceof DOMException)) setCandidates('error');
        },
      );
    return () => ctrl.abort();
  }, [open, source.id, source.customerId]);

  useEffect(() => {
    if (target) confirmHeading.current?.focus();
  }, [target]);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    const needle = cleanReference(q);
    if (!needle) return;
    setSearching(true);
    setError(null);
    try {
      const r = await api.get<Page<CaseView>>(`/cases${query({ q: needle, limit: 20 })}`);
      // The exact reference first: the text search also finds cases whose messages mention it.
      const exact = needle.toUpperCase();
      const items = r.items.filter((x) => x.id !== source.id).sort((a, b) => Number(b.reference === exact) - Number(a.reference === exact));
      setFound(items);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSearching(false);
    }
  };

  const choose = (c: CaseView) => {
    setError(null);
    setTarget(c);
  };
  const back = () => {
    setTarget(null);
    setError(null);
    requestAnimationFrame(() => searchBox.current?.focus());
  };

  const merge = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<MergeResult>(`/cases/${source.id}/merge`, { intoCaseId: target.id });
      onMerged(result);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setBusy(false);
    }
  };

  const title = t('merge.title', { ref: source.reference });
  const errorBox = error && (
    <p className="form-error" role="alert">
      <Icon name="alert" size={14} /> <span>{error}</span>
    </p>
  );

  return (
    <Dialog open={open} onClose={onClose} title={title} wide>
      {target ? (
        <section className="merge-confirm" aria-labelledby={`${ids}-confirm`}>
          <h3 id={`${ids}-confirm`} ref={confirmHeading} tabIndex={-1}>
            {t('merge.confirmTitle', { from: source.reference, to: target.reference })}
          </h3>
          <div className="merge-pair">
            <CaseSummary c={source} locale={locale} label={t('merge.duplicate')} />
            <Icon name="arrowRight" size={16} />
            <CaseSummary c={target} locale={locale} label={t('merge.keeps')} />
          </div>
          <p>{t('merge.whatHappens')}</p>
          <ul className="merge-effects">
            <li>{t('merge.effectClosed', { from: source.reference })}</li>
            <li>{t('merge.effectTold', { channel: channelLabel(source.channel), to: target.reference })}</li>
            <li>{t('merge.effectKept', { from: source.reference })}</li>
            <li>{t('merge.effectNote', { from: source.reference, to: target.reference })}</li>
          </ul>
          {errorBox}
          <div className="form-actions">
            <button type="button" className="button ghost" onClick={back} disabled={busy}>
              {t('merge.back')}
            </button>
            <button type="button" className="button primary" onClick={() => void merge()} disabled={busy}>
              {busy ? t('merge.merging') : t('merge.submit')}
            </button>
          </div>
        </section>
      ) : (
        <>
          <p className="muted merge-intro">{t('merge.intro', { ref: source.reference })}</p>
          {source.customerId ? (
            <section className="merge-section" aria-labelledby={`${ids}-same`}>
              <h3 id={`${ids}-same`}>{t('merge.sameCustomer')}</h3>
              {candidates === null ? (
                <p className="muted">{t('common.loading')}</p>
              ) : candidates === 'error' ? (
                <p className="muted">{t('merge.loadFailed')}</p>
              ) : candidates.length ? (
                <CaseChoices items={candidates} locale={locale} onChoose={choose} />
              ) : (
                <p className="muted">{t('merge.noOthers')}</p>
              )}
            </section>
          ) : (
            <p className="notice">{t('merge.visitorHint')}</p>
          )}
          <section className="merge-section" aria-labelledby={`${ids}-find`}>
            <h3 id={`${ids}-find`}>{t('merge.byReference')}</h3>
            <form className="merge-search" onSubmit={(e) => void search(e)} role="search" aria-labelledby={`${ids}-find`}>
              <input
                ref={searchBox}
                type="search"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                aria-label={t('merge.referenceLabel')}
                placeholder={t('merge.referencePlaceholder')}
                maxLength={200}
                autoComplete="off"
                spellCheck={false}
              />
              <button type="submit" className="button" disabled={searching || !q.trim()}>
                <Icon name="search" size={14} /> {t('merge.find')}
              </button>
            </form>
            {found !== null &&
              (found.length ? (
                <CaseChoices items={found} locale={locale} onChoose={choose} label={t('merge.results')} />
              ) : (
                <p className="muted" role="status">
                  {t('merge.noMatch', { q: cleanReference(q) })}
                </p>
              ))}
          </section>
          {errorBox}
        </>
      )}
    </Dialog>
  );
}

function CaseChoices({ items, locale, onChoose, label }: { items: CaseView[]; locale: string; onChoose: (c: CaseView) => void; label?: string }) {
  return (
    <ul className="merge-choices" aria-label={label}>
      {items.map((c) => (
        <li key={c.id}>
          <button type="button" className="merge-choice" onClick={() => onChoose(c)}>
            <span className="merge-choice-top">
              <span className="mono merge-ref">{c.reference}</span>
              <span className="merge-subject">{c.subject || t('case.noSubject')}</span>
            </span>
            <span className="merge-choice-meta">
              <span className={`pill status-${c.status}`}>{statusLabel(c.status)}</span>
              <span className="meta-item">
                <Icon name={channelIcon[c.channel] ?? 'globe'} size={12} /> {channelLabel(c.channel)}
              </span>
              <span className="meta-item">
                <time dateTime={c.lastMessageAt} title={dateTime(c.lastMessageAt, locale)}>
                  {t('merge.lastActivity', { when: relative(c.lastMessageAt, locale) })}
                </time>
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function CaseSummary({ c, locale, label }: { c: CaseView; locale: string; label: string }) {
  return (
    <div className="merge-summary">
      <span className="merge-summary-label">{label}</span>
      <span className="mono merge-ref">{c.reference}</span>
      <span className="merge-subject">{c.subject || t('case.noSubject')}</span>
      <span className="merge-choice-meta">
        <span className={`pill status-${c.status}`}>{statusLabel(c.status)}</span>
        <span className="meta-item">
          <Icon name={channelIcon[c.channel] ?? 'globe'} size={12} /> {channelLabel(c.channel)}
        </span>
        <span className="meta-item">{t('merge.lastActivity', { when: relative(c.lastMessageAt, locale) })}</span>
      </span>
    </div>
  );
}
