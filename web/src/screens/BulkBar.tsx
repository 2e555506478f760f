import { useState } from 'react';
import { api } from '../api';
import { afterBulk, describeFailures, failuresByReason, sendBulk, type BulkChange, type BulkResult, type Selection } from '../bulk';
import { Dialog, Spinner, toast } from '../components/ui';
import { t } from '../i18n';
import { useConsole } from '../state';
import { statusLabel } from '../taxonomy';
import { priorities, type CaseStatus } from '../types';

interface Failure {
  id: string;
  reference: string;
  message: string;
}

/**
 * The inbox's bulk actions on the ticked cases: one POST /cases/bulk per 100 cases, then the list is read again and
 * only the cases the server could not change stay selected, with its reason beside each.
 */
export function BulkBar({ ids, referenceOf, onSelection, onDone }: { ids: string[]; referenceOf: (id: string) => string | undefined; onSelection: (s: Selection) => void; onDone: () => void }) {
  const c = useConsole();
  const [sending, setSending] = useState(false);
  const [failures, setFailures] = useState<Failure[]>([]);
  const [confirmClose, setConfirmClose] = useState(false);
  // What the agent chose, sent only by Apply: a closed dropdown changes its value as the arrow keys pass over options,
  // so choosing must never act by itself.
  const [assignee, setAssignee] = useState('');
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [priority, setPriority] = useState<(typeof priorities)[number] | ''>('');
  const [tag, setTag] = useState('');
  const n = ids.length;
  const change: BulkChange = {
    ...(assignee ? { assigneeId: assignee === 'none' ? null : assignee } : {}),
    ...(status ? { status } : {}),
    ...(priority ? { priority } : {}),
    ...(tag.trim() ? { addTags: [tag.trim()] } : {}),
  };
  const chosen = Object.keys(change).length > 0;
  const apply = () => {
    setAssignee('');
    setStatus('');
    setPriority('');
    setTag('');
    void run(change);
  };

  const run = async (change: BulkChange) => {
    const mine = change.assigneeId === c.me.id;
    // Taking cases myself is no news to me: the shell's "assigned to you" toast stays quiet for these.
    if (mine) ids.forEach((id) => c.assignments.assigningToMe(id));
    setSending(true);
    setFailures([]);
    let result: BulkResult;
    try {
      result = await sendBulk(ids, change, (body) => api.post<BulkResult>('/cases/bulk', body));
    } finally {
      setSending(false);
    }
    if (mine) result.failed.forEach((f) => c.assignments.assignFailed(f.id));
    const failed = describeFailures(result.failed, referenceOf);
    if (result.updated.length) toast(result.updated.length === 1 ? t('bulk.updatedOne') : t('bulk.updated', { n: result.updated.length }), 'success');
    if (failed.length) toast(t('bulk.failedToast', { n: failed.length, list: failuresByReason(failed).map((g) => `${g.references.join(', ')}: ${g.message}`).join(' ') }), 'warn');
    setFailures(failed);
    onSelection(afterBulk(result));
    onDone();
  };

  const shownFailures = failures.filter((f) => ids.includes(f.id));
  const busy = sending || confirmClose;
  return (
    <>
      <div className="bulk-bar" role="toolbar" aria-label={t('bulk.toolbar')} aria-busy={sending}>
        <span className="bulk-count" aria-live="polite">
          {sending ? t('bulk.sending', { n }) : t('bulk.selected', { n })}
        </span>
        {sending && <Spinner label={t('bulk.sending', { n })} />}
        <select className="filter" aria-label={t('bulk.assign')} value={assignee} disabled={busy} onChange={(e) => setAssignee(e.target.value)}>
          <option value="">{t('bulk.assign')}</option>
          <option value={c.me.id}>{t('bulk.me')}</option>
          {c.agents
            .filter((a) => a.active && a.id !== c.me.id)
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          <option value="none">{t('bulk.unassign')}</option>
        </select>
        <select className="filter" aria-label={t('bulk.status')} value={status} disabled={busy} onChange={(e) => setStatus(e.target.value as CaseStatus | '')}>
          <option value="">{t('bulk.status')}</option>
          {(['open', 'pending', 'resolved', 'closed'] as const).map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
        <select className="filter" aria-label={t('bulk.priority')} value={priority} disabled={busy} onChange={(e) => setPriority(e.target.value as (typeof priorities)[number] | '')}>
          <option value="">{t('bulk.priority')}</option>
          {priorities.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
        <form
          className="bulk-tag"
          onSubmit={(e) => {
            e.preventDefault();
            if (!chosen) return;
            // Nobody can write on a closed case again: asked first.
            if (change.status === 'closed') setConfirmClose(true);
            else apply();
          }}
        >
          <input type="text" value={tag} maxLength={50} disabled={busy} onChange={(e) => setTag(e.target.value)} aria-label={t('bulk.tag')} placeholder={t('bulk.tag')} />
          <button type="submit" className="button small primary" disabled={busy || !chosen}>
            {t('bulk.apply')}
          </button>
        </form>
        <button type="button" className="button ghost small" disabled={sending} onClick={() => onSelection(new Set())}>
          {t('bulk.clear')}
        </button>
      </div>
      {shownFailures.length > 0 && !sending && (
        <div className="bulk-failed" role="alert">
          <p>{t('bulk.failedTitle', { n: shownFailures.length })}</p>
          <ul>
            {shownFailures.map((f) => (
              <li key={f.id}>
                <strong>{f.reference}</strong>: {f.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Dialog open={confirmClose} onClose={() => setConfirmClose(false)} title={n === 1 ? t('bulk.closeTitleOne') : t('bulk.closeTitle', { n })}>
        <p>{t('bulk.closeBody')}</p>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => setConfirmClose(false)}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setConfirmClose(false);
              apply();
            }}
          >
            {t('bulk.closeConfirm')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
