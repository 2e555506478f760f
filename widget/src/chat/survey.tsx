import type { ComponentChild } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { NETWORK_ERROR, type ApiReply, type Locale, type WidgetHost } from '../types.js';
import type { T } from './app.js';
import { surveyQuestion, time, type MessageView, type SurveyView } from './model.js';
import type { ChatKey } from './strings.js';

// The satisfaction survey Sapa asks when a person resolves the case (server/src/modules/csat): a card in the thread
// with five buttons, then an optional comment and Send; the answer can be changed until the survey expires. The link
// in the message is the credential (GET/POST /surveys/:token), so no session is needed to answer.

interface Card {
  /** Sapa's record of the survey: null until fetched (or when it could not be). */
  view: SurveyView | null;
  /** 404 on load: not a survey Sapa knows (any more); the message shows as plain text with its link. */
  gone?: boolean;
  /** Choosing (a first answer, or changing one). */
  editing: boolean;
  score: number | null;
  comment: string;
  busy?: boolean;
  /** What went wrong sending: one of ours (in the customer's language, redrawn when it changes), or Sapa's words. */
  error?: { key: ChatKey } | { text: string };
  /** 410 on sending: closed, but what the customer chose and wrote stays on screen. */
  closed?: boolean;
}

// The card's state outlives its element (the conversation list replaces the thread for a while).
const cards = new Map<string, Card>();
/**
 * Where the keyboard goes once the card next draws it (the button pressed is gone with the change). Kept by token,
 * not in the component, so a card the conversation redraws anew (a replay after a reload) still takes the focus.
 */
const focusNext = new Map<string, 'thanks' | 'score'>();
const draftKey = (token: string) => `survey:${token}`;

function load(host: WidgetHost, token: string): Card {
  const draft = host.store.get<{ score?: number; comment?: string }>(draftKey(token));
  const score = draft && typeof draft.score === 'number' && draft.score >= 1 && draft.score <= 5 ? draft.score : null;
  return { view: null, editing: true, score, comment: (draft && typeof draft.comment === 'string' && draft.comment) || '' };
}

const errorFor = (reply: ApiReply<unknown>): Card['error'] =>
  reply.status === 410
    ? { key: 'surveyExpired' }
    : reply.status === 404
      ? { key: 'surveyGone' }
      : reply.status >= 500 || reply.status === 408 || reply.status === 429
        ? { key: 'surveyUnreachable' }
        : { text: reply.error?.message ?? `HTTP ${reply.status}` };

const when = (iso: string, locale: Locale) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });

export function SurveyCard({ m, token, expiresAt, host, t, locale, fallback }: {
  m: MessageView;
  token: string;
  expiresAt: string;
  host: WidgetHost;
  t: T;
  locale: Locale;
  fallback: ComponentChild;
}) {
  const [card, setCard] = useState<Card>(() => cards.get(token) ?? load(host, token));
  const thanks = useRef<HTMLParagraphElement>(null);
  const form = useRef<HTMLDivElement>(null);
  const scores = useRef<HTMLDivElement>(null);
  const problem = useRef<HTMLParagraphElement>(null);
  const shown = useRef<Card['error']>(undefined);
  const live = useRef(true);
  const update = (patch: Partial<Card>) => {
    const next = { ...(cards.get(token) ?? card), ...patch };
    cards.set(token, next);
    if (live.current) setCard(next);
    if ('score' in patch || 'comment' in patch) host.store.set(draftKey(token), { score: next.score, comment: next.comment });
    return next;
  };

  useEffect(() => {
    live.current = true;
    // Whether (and how) it was answered already: on another device, in an earlier visit, on the survey page.
    const fetchView = () => {
      const now = cards.get(token) ?? card;
      if (now.view || now.gone) return;
      host.request<SurveyView>(`/surveys/${token}`).then(
        (reply) => {
          if (reply.ok) {
            update({ view: reply.data, editing: (cards.get(token) ?? card).score !== null || reply.data.score === null });
            if (reply.data.expired) host.store.remove(draftKey(token));
          } else if (reply.status === 404) update({ gone: true });
        },
        // Unreachable: the card still works from the message alone (sending tells what happened); asked again online.
        () => undefined,
      );
    };
    fetchView();
    window.addEventListener('online', fetchView);
    return () => {
      live.current = false;
      window.removeEventListener('online', fetchView);
    };
  }, [token]);

  useEffect(() => {
    const want = focusNext.get(token);
    const target = want === 'thanks' ? thanks.current : want === 'score' ? scores.current?.querySelector<HTMLElement>('[aria-pressed="true"]') : null;
    if (target) {
      focusNext.delete(token);
      target.focus();
    }
    // What went wrong is read out (role=alert) and shown: the thread does not scroll for a card's changes.
    if (card.error && card.error !== shown.current) {
      const el = problem.current;
      if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'nearest' });
    }
    shown.current = card.error;
  });

  if (card.gone) return <>{fallback}</>;

  const expired = card.closed || (card.view ? card.view.expired : !!expiresAt && Date.parse(expiresAt) <= Date.now());
  const answered = card.view && card.view.score !== null ? card.view : null;
  const choosing = !expired && (card.editing || !answered);
  const until = card.view?.expiresAt ?? expiresAt;

  const choose = (score: number) => {
    update({ score, error: undefined });
    // The comment box and Send appear below: bring them into view (the thread does not scroll for a card's changes).
    window.setTimeout(() => {
      const el = form.current;
      if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'nearest' });
    }, 0);
  };

  const send = async () => {
    const current = cards.get(token) ?? card;
    if (current.busy || current.score === null) return;
    update({ busy: true, error: undefined });
    try {
      const comment = current.comment.trim();
      const reply = await host.request<SurveyView>(`/surveys/${token}`, { body: { score: current.score, ...(comment ? { comment } : {}) } });
      if (reply.ok) {
        focusNext.set(token, 'thanks');
        update({ busy: false, view: reply.data, editing: false, score: null, comment: '' });
        host.store.remove(draftKey(token));
      } else update({ busy: false, error: errorFor(reply), closed: reply.status === 410 || undefined });
    } catch (error) {
      const offline = error instanceof Error && error.name === NETWORK_ERROR && navigator.onLine === false;
      update({ busy: false, error: { key: offline ? 'surveyOffline' : 'surveyUnreachable' } });
    }
  };

  const message = card.error ? ('key' in card.error ? t(card.error.key) : card.error.text) : undefined;
  const id = `sapa-survey-${m.seq}`;
  return (
    <div class="msg system survey" data-seq={m.seq} data-client-id={m.clientMessageId}>
      <div class="meta">
        <span class="who">{t('system')}</span>
        <time dateTime={m.createdAt}>{time(m.createdAt, locale)}</time>
      </div>
      <p class="text" id={id}>
        {surveyQuestion(m.body, token)}
      </p>
      {answered && !choosing && (
        <p class="done" ref={thanks} tabIndex={-1} role="status">
          {t('surveyThanks', { score: answered.score! })}
          {answered.comment && <q>{answered.comment}</q>}
          {!expired && until && <span class="muted"> {t('surveyUntil', { until: when(until, locale) })}</span>}
        </p>
      )}
      {expired && !card.closed && <p class="closed">{t('surveyClosed')}</p>}
      {(choosing || (card.closed && card.score !== null)) && (
        <fieldset class="scale" aria-describedby={id} disabled={expired}>
          <legend class="sr">{t('survey')}</legend>
          <div class="scores" ref={scores}>
            {[1, 2, 3, 4, 5].map((n) => (
              <button type="button" key={n} aria-pressed={card.score === n} aria-label={`${n} — ${t(`score${n}` as ChatKey)}`} title={t(`score${n}` as ChatKey)} onClick={() => choose(n)}>
                {n}
              </button>
            ))}
          </div>
          <div class="ends" aria-hidden="true">
            <span>{t('score1')}</span>
            <span>{t('score5')}</span>
          </div>
        </fieldset>
      )}
      {card.score !== null && (choosing || card.closed) && (
        <div class="survey-form" ref={form}>
          <label for={`${id}-comment`}>{t('surveyComment')}</label>
          <textarea
            id={`${id}-comment`}
            rows={2}
            lang={locale}
            maxLength={2000}
            readOnly={expired}
            value={card.comment}
            onInput={(e) => update({ comment: (e.currentTarget as HTMLTextAreaElement).value })}
          />
          {!expired && (
            <button type="button" class="btn" disabled={card.busy} onClick={() => void send()}>
              {card.busy ? t('sending') : t('surveySend')}
            </button>
          )}
          {!expired && answered && (
            <button
              type="button"
              class="btn secondary"
              onClick={() => {
                focusNext.set(token, 'thanks');
                host.store.remove(draftKey(token));
                update({ editing: false, error: undefined });
              }}
            >
              {t('surveyKeep')}
            </button>
          )}
        </div>
      )}
      {message && (
        <p class="err" role="alert" ref={problem}>
          {message}
        </p>
      )}
      {answered && !choosing && !expired && (
        <button
          type="button"
          class="btn secondary"
          onClick={() => {
            focusNext.set(token, 'score');
            update({ editing: true, score: answered.score, comment: answered.comment ?? '', error: undefined });
          }}
        >
          {t('surveyChange')}
        </button>
      )}
    </div>
  );
}
