import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, clientId } from '../api';
import { Icon } from '../components/Icon';
import { Dialog } from '../components/ui';
import { complaintOutcomes, EARLIEST_BEFORE_CASE_DAYS, fromLocalInput, localInputValue, openComplaintOf, outcomeLabel, refusalOf, type Complaint, type ComplaintOutcome, type Refusal } from '../complaints';
import { t } from '../i18n';
import { channelLabel } from '../taxonomy';
import type { CaseView } from '../types';

// The formal complaint's three acts on a case: registering it (agents), extending its deadline and sending the written
// answer (supervisors). Each dialog shows the server's refusal inside it, at the field it names when it names one.

interface FieldProps {
  id: string;
  label: string;
  help?: string;
  error?: string;
  children: (describedBy: string | undefined, invalid: true | undefined) => ReactNode;
}

/** A labelled input with its help and, when refused, the reason under it (and named for screen readers). */
function Field({ id, label, help, error, children }: FieldProps) {
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(describedBy, error ? true : undefined)}
      {help && (
        <small id={`${id}-help`} className="muted">
          {help}
        </small>
      )}
      {error && (
        <span id={`${id}-error`} className="complaint-field-error">
          {error}
        </span>
      )}
    </div>
  );
}

function ErrorBox({ refusal, extra }: { refusal: Refusal | null; extra?: ReactNode }) {
  if (!refusal) return null;
  return (
    <div className="form-error" role="alert">
      <Icon name="alert" size={14} />
      <span>
        {refusal.message}
        {extra}
      </span>
    </div>
  );
}

/** Register a formal complaint (POST /cases/:id/complaint): one Idempotency-Key per opening, so a retry is one complaint. */
export function RegisterComplaintDialog({ kase, open, onClose, onDone }: { kase: CaseView; open: boolean; onClose: () => void; onDone: (c: Complaint) => void }) {
  const ids = useId();
  const [summary, setSummary] = useState('');
  const [desired, setDesired] = useState('');
  const [received, setReceived] = useState('');
  const [max, setMax] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [fields, setFields] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const key = useRef('');
  const opened = useRef('');

  useEffect(() => {
    if (!open) return;
    key.current = clientId();
    const now = localInputValue(new Date());
    opened.current = now;
    setSummary('');
    setDesired('');
    setReceived(now);
    setMax(now);
    setRefusal(null);
    setFields(new Map());
    setBusy(false);
  }, [open]);

  // As the server rules: received at most this long before the case was opened (an earlier date is a wrong year).
  const earliest = new Date(Date.parse(kase.createdAt) - EARLIEST_BEFORE_CASE_DAYS * 86_400_000);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = new Map<string, string>();
    if (!summary.trim()) problems.set('summary', t('complaint.summaryRequired'));
    // Untouched, the date is "now" as the server reads it; typed, it is sent (and may not be in the future).
    const receivedAt = received === opened.current ? null : fromLocalInput(received);
    if (received !== opened.current) {
      if (!receivedAt) problems.set('receivedAt', t('complaint.receivedInvalid'));
      else if (Date.parse(receivedAt) > Date.now() + 60_000) problems.set('receivedAt', t('complaint.receivedFuture'));
      else if (Date.parse(receivedAt) < earliest.getTime()) problems.set('receivedAt', t('complaint.receivedTooEarly', { days: EARLIEST_BEFORE_CASE_DAYS }));
    }
    setFields(problems);
    setRefusal(null);
    if (problems.size) return;
    setBusy(true);
    try {
      const body = { summary: summary.trim(), ...(desired.trim() ? { desiredOutcome: desired.trim() } : {}), ...(receivedAt ? { receivedAt } : {}) };
      const c = await api.post<Complaint>(`/cases/${kase.id}/complaint`, body, { headers: { 'idempotency-key': key.current } });
      onDone(c);
    } catch (err) {
      const r = refusalOf(err);
      setRefusal(r);
      setFields(r.fields);
      setBusy(false);
    }
  };

  const existing = refusal ? openComplaintOf(refusal) : null;
  return (
    <Dialog open={open} onClose={onClose} title={t('complaint.registerTitle', { ref: kase.reference })} wide>
      <form className="complaint-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">{t('complaint.registerIntro', { channel: channelLabel(kase.channel) })}</p>
        <Field id={`${ids}-summary`} label={t('complaint.summaryLabel')} help={t('complaint.summaryHelp')} error={fields.get('summary')}>
          {(describedBy, invalid) => (
            <textarea
              id={`${ids}-summary`}
              rows={4}
              maxLength={4000}
              required
              aria-required="true"
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field id={`${ids}-desired`} label={t('complaint.desiredLabel')} error={fields.get('desiredOutcome')}>
          {(describedBy, invalid) => (
            <textarea id={`${ids}-desired`} rows={2} maxLength={1000} value={desired} onChange={(e) => setDesired(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <Field id={`${ids}-received`} label={t('complaint.receivedLabel')} help={t('complaint.receivedHelp')} error={fields.get('receivedAt')}>
          {(describedBy, invalid) => (
            <input id={`${ids}-received`} type="datetime-local" value={received} min={localInputValue(earliest)} max={max} onChange={(e) => setReceived(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <ErrorBox refusal={refusal} extra={existing && <strong className="complaint-existing"> {t('complaint.existing', { ref: existing.reference })}</strong>} />
        <div className="form-actions">
          <button type="button" className="button ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('complaint.registering') : t('complaint.registerSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Extend the deadline once (POST /complaints/:id/extend), with the reason the customer is told. */
export function ExtendComplaintDialog({ complaint, open, onClose, onDone }: { complaint: Complaint; open: boolean; onClose: () => void; onDone: (c: Complaint) => void }) {
  const ids = useId();
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [fields, setFields] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setReason('');
    setRefusal(null);
    setFields(new Map());
    setBusy(false);
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setRefusal(null);
    if (!reason.trim()) {
      setFields(new Map([['reason', t('complaint.reasonRequired')]]));
      return;
    }
    setFields(new Map());
    setBusy(true);
    try {
      onDone(await api.post<Complaint>(`/complaints/${complaint.id}/extend`, { reason: reason.trim() }));
    } catch (err) {
      const r = refusalOf(err);
      setRefusal(r);
      setFields(r.fields);
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} title={t('complaint.extendTitle', { ref: complaint.reference })}>
      <form className="complaint-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">{t('complaint.extendIntro')}</p>
        <Field id={`${ids}-reason`} label={t('complaint.reasonLabel')} error={fields.get('reason')}>
          {(describedBy, invalid) => (
            <textarea
              id={`${ids}-reason`}
              rows={3}
              maxLength={1000}
              required
              aria-required="true"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <ErrorBox refusal={refusal} />
        <div className="form-actions">
          <button type="button" className="button ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('complaint.extending') : t('complaint.extendSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * The written answer (POST /complaints/:id/answer): the text and the outcome, then a confirmation of what happens (the
 * customer receives it on the case's channel, the case is resolved) before it is sent.
 */
export function AnswerComplaintDialog({ complaint, kase, open, onClose, onDone }: { complaint: Complaint; kase: CaseView; open: boolean; onClose: () => void; onDone: (c: Complaint) => void }) {
  const ids = useId();
  const [answer, setAnswer] = useState('');
  const [outcome, setOutcome] = useState<ComplaintOutcome | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [fields, setFields] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const answerBox = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!open) return;
    setAnswer('');
    setOutcome('');
    setConfirming(false);
    setRefusal(null);
    setFields(new Map());
    setBusy(false);
  }, [open]);
  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  const review = (e: FormEvent) => {
    e.preventDefault();
    const problems = new Map<string, string>();
    if (!answer.trim()) problems.set('answer', t('complaint.answerRequired'));
    if (!outcome) problems.set('outcome', t('complaint.outcomeRequired'));
    setFields(problems);
    setRefusal(null);
    if (!problems.size) setConfirming(true);
  };
  const back = () => {
    setConfirming(false);
    requestAnimationFrame(() => answerBox.current?.focus());
  };
  const send = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      onDone(await api.post<Complaint>(`/complaints/${complaint.id}/answer`, { answer: answer.trim(), outcome }));
    } catch (err) {
      const r = refusalOf(err);
      setRefusal(r);
      setFields(r.fields);
      // A refusal about what was written is corrected in the form.
      if (r.fields.size) setConfirming(false);
      setBusy(false);
    }
  };

  const outcomeError = fields.get('outcome');
  return (
    <Dialog open={open} onClose={onClose} title={t('complaint.answerTitle', { ref: complaint.reference })} wide>
      {confirming ? (
        <section className="complaint-confirm" aria-labelledby={`${ids}-confirm`}>
          <h3 id={`${ids}-confirm`} ref={confirmHeading} tabIndex={-1}>
            {t('complaint.confirmTitle')}
          </h3>
          <p className="complaint-confirm-outcome">
            {t('complaint.outcomeLegend')}: <strong>{outcome ? outcomeLabel(outcome) : ''}</strong>
          </p>
          <blockquote className="complaint-quote">{answer.trim()}</blockquote>
          <ul className="merge-effects">
            <li>{t('complaint.confirmChannel', { channel: channelLabel(kase.channel) })}</li>
            <li>{t('complaint.confirmResolve', { ref: kase.reference })}</li>
            <li>{t('complaint.confirmFinal')}</li>
          </ul>
          <ErrorBox refusal={refusal} />
          <div className="form-actions">
            <button type="button" className="button ghost" onClick={back} disabled={busy}>
              {t('complaint.back')}
            </button>
            <button type="button" className="button primary" onClick={() => void send()} disabled={busy}>
              {busy ? t('complaint.sending') : t('complaint.sendSubmit')}
            </button>
          </div>
        </section>
      ) : (
        <form className="complaint-form" onSubmit={review} noValidate>
          <Field id={`${ids}-answer`} label={t('complaint.answerLabel')} help={t('complaint.answerHelp')} error={fields.get('answer')}>
            {(describedBy, invalid) => (
              <textarea
                ref={answerBox}
                id={`${ids}-answer`}
                rows={8}
                maxLength={10_000}
                required
                aria-required="true"
                value={answer}
                onChange={(e) => setAnswer(e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <fieldset className="field complaint-outcomes" aria-describedby={outcomeError ? `${ids}-outcome-error` : undefined}>
            <legend>{t('complaint.outcomeLegend')}</legend>
            {complaintOutcomes.map((o) => (
              <label key={o} className="check">
                <input type="radio" name={`${ids}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
                <span>{outcomeLabel(o)}</span>
              </label>
            ))}
            {outcomeError && (
              <span id={`${ids}-outcome-error`} className="complaint-field-error">
                {outcomeError}
              </span>
            )}
          </fieldset>
          <ErrorBox refusal={refusal} />
          <div className="form-actions">
            <button type="button" className="button ghost" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button primary">
              {t('complaint.review')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
