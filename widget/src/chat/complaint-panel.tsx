import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiReply, Locale, WidgetHost } from '../types.js';
import type { T } from './app.js';
import {
  complaintBody,
  complaintProblem,
  complaintScreen,
  DESIRED_MAX,
  draftKey,
  readDraft,
  SUMMARY_MAX,
  type ComplaintDraft,
  type CustomerComplaint,
  type Problem,
} from './complaint.js';
import { timeZone, type Conversation } from './conversation.js';
import { newId } from './outbox.js';
import type { ChatKey } from './strings.js';

// The complaint view in the panel: the case's latest formal complaint to follow (reference, status, dates, answer),
// and the form to file one when there is none or the last was answered.

interface Panel {
  /** Sapa's latest complaint on the case: undefined until it answered, null when there is none. */
  latest?: CustomerComplaint | null;
  loading?: boolean;
  loadProblem?: Problem;
  draft: ComplaintDraft;
  busy?: boolean;
  problem?: Problem;
  /** Submitted without saying what went wrong. */
  missing?: boolean;
  /** Filed in this visit: the view says it was received. */
  filed?: boolean;
}

// The view's state outlives its element: Back to the thread during a submission must not lose the outcome.
const panels = new Map<string, Panel>();

const path = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/complaint`;

function Followed({ c, filed, t, locale }: { c: CustomerComplaint; filed?: boolean; t: T; locale: Locale }) {
  // The desk counts the deadline's day in its own zone: shown there, and the zone named when it is not the customer's.
  const elsewhere = c.timeZone !== timeZone();
  const zoned = { timeZone: c.timeZone };
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale, { ...zoned, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', ...(elsewhere ? { timeZoneName: 'short' } : {}) });
  const zoneName = (iso: string) => new Intl.DateTimeFormat(locale, { ...zoned, timeZoneName: 'short' }).formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')?.value;
  const day = (iso: string) => new Date(iso).toLocaleDateString(locale, { ...zoned, dateStyle: 'long' }) + (elsewhere ? ` (${zoneName(iso) ?? c.timeZone})` : '');
  const open = c.status !== 'answered';
  const left = open && !c.overdue && c.workingDaysLeft !== null ? t(c.workingDaysLeft === 1 ? 'complaintDayLeft' : 'complaintDaysLeft', { n: c.workingDaysLeft }) : '';
  return (
    <>
      <h3>{t('complaintRef', { ref: c.reference })}</h3>
      {filed && <p role="status">{t('complaintFiled')}</p>}
      <dl>
        <dt>{t('complaintStatus')}</dt>
        <dd>{t(`complaintStatus_${c.status}` as ChatKey)}</dd>
        <dt>{t('complaintReceived')}</dt>
        <dd>{when(c.receivedAt)}</dd>
        <dt>{t('complaintDue')}</dt>
        <dd>
          <time dateTime={c.dueAt}>{day(c.dueAt)}</time>
          {left && ` · ${left}`}
        </dd>
        {open && c.overdue && <dd class="warn">{t('complaintOverdue')}</dd>}
        {c.extensionReason && (
          <>
            <dt>{t('complaintExtended')}</dt>
            <dd>{c.extensionReason}</dd>
          </>
        )}
        {c.statement && (
          <>
            <dt>{t('complaintStatement')}</dt>
            <dd class="words">{c.statement}</dd>
          </>
        )}
        {c.desiredOutcome && (
          <>
            <dt>{t('complaintDesired')}</dt>
            <dd class="words">{c.desiredOutcome}</dd>
          </>
        )}
        {c.answeredAt && (
          <>
            <dt>{t('complaintAnswered')}</dt>
            <dd>{when(c.answeredAt)}</dd>
          </>
        )}
        {c.outcome && (
          <>
            <dt>{t('complaintOutcome')}</dt>
            <dd>{t(`outcome_${c.outcome}` as ChatKey)}</dd>
          </>
        )}
        {c.answer && (
          <>
            <dt>{t('complaintAnswer')}</dt>
            <dd class="words">{c.answer}</dd>
          </>
        )}
      </dl>
    </>
  );
}

export function ComplaintPanel({ caseId, caseRef, host, conversation, t, locale, back }: {
  caseId: string;
  caseRef: string;
  host: WidgetHost;
  conversation: Conversation;
  t: T;
  locale: Locale;
  back(): void;
}) {
  const [panel, setPanel] = useState<Panel>(() => panels.get(caseId) ?? { draft: readDraft(host.store, caseId) });
  const live = useRef(true);
  const heading = useRef<HTMLHeadingElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const summary = useRef<HTMLTextAreaElement>(null);
  /** Where the keyboard goes at the next draw (the Submit button pressed may be gone with the form). */
  const focusNext = useRef<'result' | 'summary' | null>(null);
  const current = () => panels.get(caseId) ?? panel;
  const update = (patch: Partial<Panel>) => {
    const next = { ...current(), ...patch };
    panels.set(caseId, next);
    if (live.current) setPanel(next);
    return next;
  };

  const load = async () => {
    update({ loading: true, loadProblem: undefined });
    let reply: ApiReply<{ complaint: CustomerComplaint | null }> | null = null;
    try {
      reply = await conversation.call<{ complaint: CustomerComplaint | null }>(path(caseId));
    } catch {
      // Unreachable: said below, with Retry; the form stays usable, what is written is kept.
    }
    if (reply?.ok) {
      const latest = reply.data?.complaint ?? null;
      const { draft } = current();
      // A submission whose answer was lost on the way, yet reached Sapa: it is filed, the draft has done its job.
      if (latest && draft.key && latest.statement === complaintBody(draft)?.summary) {
        host.store.remove(draftKey(caseId));
        update({ loading: false, latest, draft: { summary: '', desired: '' } });
      } else update({ loading: false, latest });
      return;
    }
    const outcome = complaintProblem(reply, navigator.onLine !== false);
    update({ loading: false, loadProblem: outcome.retry ? { key: 'complaintLoadFailed' } : outcome.problem });
  };

  useEffect(() => {
    live.current = true;
    heading.current?.focus();
    // Asked each time the view opens: the complaint may have been extended or answered since.
    void load();
    const again = () => current().loadProblem && void load();
    window.addEventListener('online', again);
    return () => {
      live.current = false;
      window.removeEventListener('online', again);
    };
  }, [caseId]);

  useEffect(() => {
    const want = focusNext.current;
    const target = want === 'result' ? result.current : want === 'summary' ? summary.current : null;
    if (target) {
      focusNext.current = null;
      target.focus();
    }
  });

  const edit = (patch: Partial<ComplaintDraft>) => {
    const draft = { ...current().draft, ...patch };
    // Kept at every keystroke, like the message box: a reload or a crash loses nothing.
    host.store.set(draftKey(caseId), draft);
    update({ draft, ...(patch.summary?.trim() ? { missing: false } : {}) });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const now = current();
    if (now.busy) return;
    const body = complaintBody(now.draft);
    if (!body) {
      focusNext.current = 'summary';
      update({ missing: true, problem: undefined });
      return;
    }
    // One key per complaint written, kept with the draft until it is filed: a retry, after a reload too, cannot file
    // it twice (Sapa answers the same complaint again).
    const draft = { ...now.draft, key: now.draft.key ?? newId('cmp') };
    host.store.set(draftKey(caseId), draft);
    update({ busy: true, missing: false, problem: undefined, draft });
    let reply: ApiReply<CustomerComplaint> | null = null;
    try {
      reply = await conversation.call<CustomerComplaint>(path(caseId), { body, headers: { 'idempotency-key': draft.key }, timeoutMs: 20_000 });
    } catch {
      // Not reached: reply stays null and the customer is told; the draft and its key are kept for the retry.
    }
    if (reply?.ok) {
      host.store.remove(draftKey(caseId));
      conversation.complained(caseId);
      focusNext.current = 'result';
      update({ busy: false, latest: reply.data, draft: { summary: '', desired: '' }, filed: true });
      return;
    }
    const outcome = complaintProblem(reply, navigator.onLine !== false);
    update({ busy: false, problem: outcome.problem });
    if (outcome.open) {
      // Filed meanwhile (another device, an agent): show that one; the form goes, so the keyboard goes to it.
      focusNext.current = 'result';
      await load();
    }
  };

  const say = (p: Problem | undefined) => (p ? ('key' in p ? t(p.key) : p.text) : undefined);
  const { follow, mayFile } = panel.latest === undefined ? { follow: null, mayFile: !!panel.loadProblem } : complaintScreen(panel.latest);
  const problem = say(panel.problem);
  return (
    <section class="complaint" aria-labelledby="sapa-complaint-h">
      <button type="button" class="linkish" onClick={back}>
        ← {t('complaintBack')}
      </button>
      <h2 id="sapa-complaint-h" tabIndex={-1} ref={heading}>
        {t('complaint')}
      </h2>
      <p class="muted">{t('caseRef', { ref: caseRef })}</p>
      {panel.loading && panel.latest === undefined && <p class="muted">{t('complaintLoading')}</p>}
      {panel.loadProblem && (
        <p class="err" role="alert">
          {say(panel.loadProblem)}{' '}
          <button type="button" class="linkish" onClick={() => void load()}>
            {t('retry')}
          </button>
        </p>
      )}
      {follow && (
        <div class="filed" ref={result} tabIndex={-1}>
          <Followed c={follow} filed={panel.filed} t={t} locale={locale} />
        </div>
      )}
      {mayFile && (
        <form class="complaint-form" onSubmit={(e) => void submit(e)} noValidate>
          {follow && <p>{t('complaintAgain')}</p>}
          <p>{t('complaintIntro')}</p>
          <label for="sapa-complaint-what">{t('complaintWhat')}</label>
          <textarea
            id="sapa-complaint-what"
            ref={summary}
            rows={5}
            lang={locale}
            maxLength={SUMMARY_MAX}
            aria-required="true"
            aria-invalid={panel.missing || undefined}
            aria-describedby={panel.missing ? 'sapa-complaint-missing' : undefined}
            value={panel.draft.summary}
            onInput={(e) => edit({ summary: (e.currentTarget as HTMLTextAreaElement).value })}
          />
          {panel.missing && (
            <p class="err" id="sapa-complaint-missing" role="alert">
              {t('complaintMissing')}
            </p>
          )}
          <label for="sapa-complaint-want">{t('complaintWant')}</label>
          <textarea
            id="sapa-complaint-want"
            rows={2}
            lang={locale}
            maxLength={DESIRED_MAX}
            value={panel.draft.desired}
            onInput={(e) => edit({ desired: (e.currentTarget as HTMLTextAreaElement).value })}
          />
          {/* aria-disabled, not disabled: the button keeps the keyboard while the complaint is on its way. */}
          <button type="submit" class="btn" aria-disabled={panel.busy || undefined}>
            {panel.busy ? t('sending') : t('complaintSubmit')}
          </button>
        </form>
      )}
      {problem && (
        <p class="err" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
