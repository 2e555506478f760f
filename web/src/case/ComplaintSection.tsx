import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { ComplaintWarning } from '../components/Complaint';
import { Icon } from '../components/Icon';
import { toast } from '../components/ui';
import { complaintStatusLabel, daysLeftText, outcomeLabel, playbookUrl, type Complaint } from '../complaints';
import { dateTime } from '../format';
import { t } from '../i18n';
import { live } from '../live';
import { useConsole } from '../state';
import type { CaseView } from '../types';
import { AnswerComplaintDialog, ExtendComplaintDialog, RegisterComplaintDialog } from './ComplaintDialogs';
import { Section } from './SidePanel';

const at = (iso: string, locale: string) => (
  <time dateTime={iso} title={dateTime(iso, locale)}>
    {dateTime(iso, locale)}
  </time>
);

/**
 * The case's formal complaint (GET /cases/:id/complaint): its reference, state, dates and texts, or a button that
 * registers one; supervisors extend the deadline and send the written answer. Read again when the case's history gets a
 * complaint_… entry (another console's action, the sweep's warning), and after each action here.
 */
export function ComplaintSection({ kase, locale, onChanged }: { kase: CaseView; locale: string; onChanged: () => void }) {
  const c = useConsole();
  const [complaint, setComplaint] = useState<Complaint | null | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [dialog, setDialog] = useState<'register' | 'extend' | 'answer' | null>(null);
  const caseId = kase.id;
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const r = await api.get<{ complaint: Complaint | null }>(`/cases/${caseId}/complaint`);
      if (mine !== seq.current) return;
      setComplaint(r.complaint);
      setFailed(false);
    } catch {
      if (mine === seq.current) setFailed(true);
    }
  }, [caseId]);

  useEffect(() => {
    setComplaint(undefined);
    setFailed(false);
    void load();
    const offs = [
      live.on('case:updated', (e) => {
        if (e.case.id === caseId && e.changes.some((x) => x.startsWith('complaint_'))) void load();
      }),
      live.on('resync', () => void load()),
    ];
    return () => offs.forEach((off) => off());
  }, [caseId, load]);

  const done = (next: Complaint, message: string) => {
    setDialog(null);
    setComplaint(next);
    toast(message, 'success');
    void load();
    onChanged();
  };

  const mine = complaint && complaint.caseId === caseId ? complaint : complaint === null ? null : undefined;
  const answered = mine?.status === 'answered';
  const left = mine ? daysLeftText(mine) : null;

  return (
    <>
      <Section title={t('complaint.section')} icon="note" id="panel-complaint">
        {mine === undefined ? (
          <p className="muted">{failed ? t('complaint.loadFailed') : t('common.loading')}</p>
        ) : mine === null ? (
          <p className="muted">{t('complaint.none')}</p>
        ) : (
          <div className="complaint-card" data-status={mine.status}>
            <p className="complaint-head">
              <span className="mono complaint-ref">{mine.reference}</span>
              <span className={`pill complaint-status complaint-status-${mine.status}`}>{complaintStatusLabel(mine.status)}</span>
              <ComplaintWarning complaint={mine} />
            </p>
            <dl className="kv complaint-facts">
              <dt>{t('complaint.received')}</dt>
              <dd>{at(mine.receivedAt, locale)}</dd>
              <dt>{t('complaint.due')}</dt>
              <dd>
                {at(mine.dueAt, locale)}
                {left && <span className={mine.overdue ? 'complaint-left late' : 'complaint-left'}> · {left}</span>}
              </dd>
              {mine.filedBy === 'customer' ? (
                <>
                  <dt>{t('complaint.registeredBy')}</dt>
                  <dd>{t('complaint.byCustomer')}</dd>
                </>
              ) : (
                mine.registeredBy && (
                  <>
                    <dt>{t('complaint.registeredBy')}</dt>
                    <dd>{mine.registeredBy.name}</dd>
                  </>
                )
              )}
              <dt>{t(mine.filedBy === 'customer' ? 'complaint.statement' : 'complaint.summary')}</dt>
              <dd className="complaint-text">{mine.summary}</dd>
              {mine.desiredOutcome && (
                <>
                  <dt>{t('complaint.desiredOutcome')}</dt>
                  <dd className="complaint-text">{mine.desiredOutcome}</dd>
                </>
              )}
              {mine.extendedAt && (
                <>
                  <dt>{t('complaint.extension')}</dt>
                  <dd className="complaint-text">
                    {mine.extensionReason}
                    <small className="muted complaint-when"> · {at(mine.extendedAt, locale)}</small>
                  </dd>
                </>
              )}
              {answered && mine.outcome && (
                <>
                  <dt>{t('complaint.outcomeLegend')}</dt>
                  <dd>
                    <strong>{outcomeLabel(mine.outcome)}</strong>
                  </dd>
                </>
              )}
              {answered && mine.answeredAt && (
                <>
                  <dt>{t('complaint.answered')}</dt>
                  <dd>
                    {at(mine.answeredAt, locale)}
                    {mine.answeredBy && ` · ${mine.answeredBy.name}`}
                  </dd>
                </>
              )}
            </dl>
            {answered && mine.answer && (
              <>
                <h4 className="subheading">{t('complaint.answer')}</h4>
                <blockquote className="complaint-quote">{mine.answer}</blockquote>
              </>
            )}
            {c.isSupervisor && !answered && (
              <div className="complaint-actions">
                {mine.status === 'open' && (
                  <button type="button" className="button small" aria-haspopup="dialog" onClick={() => setDialog('extend')}>
                    <Icon name="clock" size={13} /> {t('complaint.extend')}
                  </button>
                )}
                <button type="button" className="button small primary" aria-haspopup="dialog" onClick={() => setDialog('answer')}>
                  <Icon name="send" size={13} /> {t('complaint.sendAnswer')}
                </button>
              </div>
            )}
          </div>
        )}
        {(mine === null || answered) && (
          <div className="complaint-actions">
            <button type="button" className={mine === null ? 'button small primary' : 'button small'} aria-haspopup="dialog" onClick={() => setDialog('register')}>
              <Icon name="plus" size={13} /> {mine === null ? t('complaint.register') : t('complaint.registerNew')}
            </button>
          </div>
        )}
        {kase.category === 'complaint' && (
          <p className="complaint-playbook">
            <a href={playbookUrl(locale)} target="_blank" rel="noreferrer">
              <Icon name="book" size={12} /> {t('complaint.playbook')} <Icon name="external" size={11} />
              <span className="visually-hidden"> {t('complaint.newTab')}</span>
            </a>
          </p>
        )}
      </Section>
      {/* Outside the section, so its headings' styles stay its own. */}
      <RegisterComplaintDialog kase={kase} open={dialog === 'register'} onClose={() => setDialog(null)} onDone={(x) => done(x, t('complaint.registered', { ref: x.reference }))} />
      {mine && (
        <>
          <ExtendComplaintDialog complaint={mine} open={dialog === 'extend'} onClose={() => setDialog(null)} onDone={(x) => done(x, t('complaint.extended', { ref: x.reference, date: dateTime(x.dueAt, locale) }))} />
          <AnswerComplaintDialog complaint={mine} kase={kase} open={dialog === 'answer'} onClose={() => setDialog(null)} onDone={(x) => done(x, t('complaint.answeredToast', { ref: x.reference }))} />
        </>
      )}
    </>
  );
}
