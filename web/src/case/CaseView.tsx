import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, clientId, query } from '../api';
import { channelIcon, Icon } from '../components/Icon';
import { Empty, Spinner, toast } from '../components/ui';
import { t, useLocale } from '../i18n';
import { live, useConnState, type Author } from '../live';
import { href, navigate } from '../router';
import { useShortcut } from '../shortcuts';
import { useConsole } from '../state';
import { channelLabel, languageLabel, statusLabel } from '../taxonomy';
import type { CaseContext, CaseView, HistoryItem, MessageView, Page } from '../types';
import { Composer, type ComposerHandle } from './Composer';
import { ComplaintSection } from './ComplaintSection';
import { MergeDialog, type MergeResult } from './MergeDialog';
import { CustomerPanel, Details, KnowledgePanel, publicMark, SatisfactionSection, SlaSection, surveyMark, useTeamOf } from './SidePanel';
import { Timeline, type PendingMessage } from './Timeline';

type Patch = Partial<Pick<CaseView, 'status' | 'priority' | 'category' | 'tags'>> & { assigneeId?: string | null };

/** Inserts messages by seq, replacing what we had at the same seq (a newer delivery status). */
function merge(prev: MessageView[], incoming: MessageView[]): MessageView[] {
  if (!incoming.length) return prev;
  const bySeq = new Map(prev.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export default function CaseScreen({ caseId }: { caseId: string }) {
  const c = useConsole();
  const locale = useLocale();
  const conn = useConnState();
  const [kase, setKase] = useState<CaseView | null>(null);
  const [missing, setMissing] = useState(false);
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [history, setHistory] = useState<HistoryItem[]>([]);
  const [context, setContext] = useState<CaseContext | null | 'error'>(null);
  const [typing, setTyping] = useState<Author | null>(null);
  const [viewers, setViewers] = useState<{ id: string; name: string }[]>([]);
  const [sideOpen, setSideOpen] = useState(false);
  const [merging, setMerging] = useState(false);
  const { team, change: changeTeam } = useTeamOf(caseId);
  const lastSeq = useRef(0);
  const composer = useRef<ComposerHandle>(null);
  const typingTimer = useRef<number | undefined>(undefined);
  const readSent = useRef(0);

  const loadHistory = useCallback(() => {
    api.get<{ items: HistoryItem[] }>(`/cases/${caseId}/history`).then((r) => setHistory(r.items), () => undefined);
  }, [caseId]);

  /** Messages after the last one we hold (all of them the first time), following pages. */
  const catchUp = useCallback(async () => {
    for (let guard = 0; guard < 20; guard++) {
      const page = await api.get<Page<MessageView>>(`/cases/${caseId}/messages?afterSeq=${lastSeq.current}&limit=500`);
      if (page.items.length) {
        lastSeq.current = Math.max(lastSeq.current, page.items[page.items.length - 1].seq);
        setMessages((prev) => merge(prev, page.items));
      }
      if (!page.nextCursor) break;
    }
  }, [caseId]);

  const loadCase = useCallback(async () => {
    try {
      const k = await api.get<CaseView>(`/cases/${caseId}`);
      setKase((prev) => {
        if (prev && prev.updatedAt !== k.updatedAt) loadHistory();
        return k;
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
    }
  }, [caseId, loadHistory]);

  useEffect(() => {
    void loadCase();
    void catchUp().catch(() => undefined);
    loadHistory();
    api.get<CaseContext>(`/cases/${caseId}/context`).then(setContext, () => setContext('error'));
  }, [caseId, loadCase, catchUp, loadHistory]);

  // Live: subscribe (replays after our last seq, now and after every reconnect); tell others we are viewing.
  useEffect(() => {
    const unsubscribe = live.subscribeCase(caseId, () => lastSeq.current);
    const sayViewing = () => live.tell('viewing', { caseId, viewing: true });
    sayViewing();
    const offs = [
      live.on('message', (m) => {
        if (m.caseId !== caseId) return;
        // A gap means we missed something (a push lost on the way): fetch instead of showing a hole.
        if (m.seq > lastSeq.current + 1) void catchUp().catch(() => undefined);
        else lastSeq.current = Math.max(lastSeq.current, m.seq);
        setMessages((prev) => merge(prev, [m]));
        setPending((prev) => prev.filter((p) => p.clientMessageId !== m.clientMessageId));
        if (m.author.kind === 'customer' || m.author.kind === 'visitor') setTyping(null);
        if (m.author.kind === 'system') void loadCase();
      }),
      live.on('case:updated', (e) => {
        if (e.case.id !== caseId) return;
        setKase(e.case);
        loadHistory();
      }),
      live.on('typing', (e) => {
        if (e.caseId !== caseId || (e.author.kind === 'agent' && e.author.id === c.me.id)) return;
        clearTimeout(typingTimer.current);
        setTyping(e.typing ? e.author : null);
        // A typist who vanishes (closed tab) stops "typing" on its own.
        if (e.typing) typingTimer.current = window.setTimeout(() => setTyping(null), 8000);
      }),
      live.on('viewing', (e) => {
        if (e.caseId === caseId) setViewers(e.agents.filter((a) => a.id !== c.me.id));
      }),
      live.on('receipt', (e) => {
        if (e.caseId !== caseId || e.kind !== 'read' || (e.by && e.by.kind === 'agent')) return;
        setMessages((prev) => prev.map((m) => (m.author.kind === 'agent' && !m.internal && m.seq <= e.seq && m.deliveryStatus !== 'failed' ? { ...m, deliveryStatus: 'read' } : m)));
      }),
      live.on('message:delivery', (e) => {
        if (e.caseId !== caseId) return;
        setMessages((prev) => prev.map((m) => (m.id === e.messageId ? { ...m, deliveryStatus: e.status } : m)));
        // The event carries no reason; a failure is worth reading it from the message itself.
        if (e.status === 'failed') {
          api.get<Page<MessageView>>(`/cases/${caseId}/messages?afterSeq=${e.seq - 1}&limit=1`).then((r) => setMessages((prev) => merge(prev, r.items)), () => undefined);
        }
      }),
      live.on('resync', () => {
        sayViewing();
        void loadCase();
        loadHistory();
      }),
    ];
    return () => {
      unsubscribe();
      live.tell('viewing', { caseId, viewing: false });
      offs.forEach((off) => off());
      clearTimeout(typingTimer.current);
    };
  }, [caseId, c.me.id, catchUp, loadCase, loadHistory]);

  // Not live: poll messages often and the case itself less often.
  useEffect(() => {
    if (conn === 'live') return;
    let n = 0;
    const timer = setInterval(() => {
      void catchUp().catch(() => undefined);
      if (n++ % 3 === 0) void loadCase();
    }, 3000);
    return () => clearInterval(timer);
  }, [conn, catchUp, loadCase]);

  // Read receipts: the newest customer message, once the agent has it on screen.
  useEffect(() => {
    const latest = [...messages].reverse().find((m) => m.author.kind === 'customer' || m.author.kind === 'visitor');
    if (!latest || latest.seq <= readSent.current || document.visibilityState !== 'visible' || conn !== 'live') return;
    readSent.current = latest.seq;
    live.tell('receipt', { caseId, seq: latest.seq, kind: 'read' });
  }, [messages, caseId, conn]);

  const patch = async (p: Patch) => {
    if (!kase) return;
    // Taking a case myself is not news: its `assigned` push must not tell me it was assigned to me.
    const takingIt = p.assigneeId === c.me.id && kase.assigneeId !== c.me.id;
    if (takingIt) c.assignments.assigningToMe(kase.id);
    try {
      const next = await api.patch<CaseView>(`/cases/${kase.id}`, p);
      setKase(next);
      loadHistory();
      c.refreshCounts();
      if (p.status === 'resolved') toast(t('toast.resolved', { ref: next.reference }), 'success');
      else if (p.assigneeId !== undefined) toast(p.assigneeId ? t('toast.assigned', { name: c.agentName(p.assigneeId) ?? '' }) : t('toast.unassigned'), 'success');
    } catch (e) {
      if (takingIt) c.assignments.assignFailed(kase.id);
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    }
  };

  const deliver = async (p: PendingMessage): Promise<boolean> => {
    const payload = { body: p.body, clientMessageId: p.clientMessageId, internal: p.internal, ...(p.attachmentIds.length ? { attachmentIds: p.attachmentIds } : {}) };
    try {
      let message: MessageView;
      try {
        const ack = await live.emit('message:send', { caseId, ...payload });
        message = ack.message as MessageView;
      } catch (e) {
        // Not live, or no answer in time: the same clientMessageId over HTTP can never make a duplicate.
        if (e instanceof ApiError && e.status !== 0) throw e;
        message = await api.post<MessageView>(`/cases/${caseId}/messages`, payload);
      }
      lastSeq.current = Math.max(lastSeq.current, message.seq);
      setMessages((prev) => merge(prev, [message]));
      setPending((prev) => prev.filter((x) => x.clientMessageId !== p.clientMessageId));
      if (!p.internal) {
        void loadCase();
        c.refreshCounts();
      }
      return true;
    } catch (e) {
      const error = e instanceof ApiError ? e.message : String(e);
      setPending((prev) => prev.map((x) => (x.clientMessageId === p.clientMessageId ? { ...x, state: 'failed', error } : x)));
      return false;
    }
  };

  const send = (body: string, internal: boolean, attachmentIds: string[]) => {
    const p: PendingMessage = { clientMessageId: clientId(), body, internal, attachmentIds, state: 'sending', createdAt: new Date().toISOString() };
    setPending((prev) => [...prev, p]);
    return deliver(p);
  };
  const retry = (p: PendingMessage) => {
    setPending((prev) => prev.map((x) => (x.clientMessageId === p.clientMessageId ? { ...x, state: 'sending', error: undefined } : x)));
    void deliver(p);
  };

  const merged = (r: MergeResult) => {
    setMerging(false);
    c.refreshCounts();
    toast(t('toast.merged', { from: r.merged.reference, to: r.case.reference }), 'success');
    navigate(`/cases/${r.case.id}`);
  };

  const assignMe = () => kase && kase.assigneeId !== c.me.id && void patch({ assigneeId: c.me.id });
  const resolve = () => kase && kase.status !== 'resolved' && void patch({ status: 'resolved' });
  useShortcut('reply', kase ? () => composer.current?.focus('reply') : null);
  useShortcut('note', kase ? () => composer.current?.focus('note') : null);
  useShortcut('resolve', kase ? resolve : null);
  useShortcut('assignMe', kase ? assignMe : null);
  useShortcut('canned', kase ? () => composer.current?.canned() : null);

  if (missing) {
    return (
      <Empty icon="alert" title={t('case.notFound')}>
        <button type="button" className="button small" onClick={() => navigate('/')}>
          {t('case.backToInbox')}
        </button>
      </Empty>
    );
  }
  if (!kase) {
    return (
      <div className="pane-loading">
        <Spinner />
      </div>
    );
  }

  const customerName = context && context !== 'error' ? (context.customer?.name ?? null) : null;
  const firstCustomerText = messages.find((m) => m.author.kind === 'customer' || m.author.kind === 'visitor')?.body ?? '';
  // A duplicate merged into another case (and still closed): where its conversation continues.
  const mergedInto = kase.status === 'closed' ? (history.filter((h) => h.type === 'merged').at(-1)?.to ?? null) : null;
  const typingName = typing ? (typing.kind === 'agent' ? (typing.name ?? t('author.agent')) : (customerName ?? typing.name ?? t('case.customer'))) : null;

  return (
    <div className={sideOpen ? 'case side-open' : 'case'}>
      <div className="case-main">
        <header className="case-head">
          <div className="case-head-top">
            <button type="button" className="icon-button back" onClick={() => navigate('/')} aria-label={t('case.backToInbox')}>
              <Icon name="chevronLeft" />
            </button>
            <h2 className="case-title">{kase.subject || t('case.noSubject')}</h2>
            <div className="case-actions">
              {kase.assigneeId !== c.me.id && (
                <button type="button" className="button small" onClick={assignMe} title={`${t('case.assignMe')} (a)`}>
                  <Icon name="user" size={14} /> {t('case.assignMe')}
                </button>
              )}
              {kase.status !== 'resolved' && kase.status !== 'closed' ? (
                <button type="button" className="button small primary" onClick={resolve} title={`${t('case.resolve')} (e)`}>
                  <Icon name="check" size={14} /> {t('case.resolve')}
                </button>
              ) : (
                <button type="button" className="button small" onClick={() => void patch({ status: 'open' })}>
                  {t('case.reopen')}
                </button>
              )}
              {kase.status !== 'closed' && (
                <button type="button" className="button small" aria-haspopup="dialog" aria-label={t('case.merge')} title={t('case.merge')} onClick={() => setMerging(true)}>
                  <Icon name="layers" size={14} /> {t('case.mergeShort')}
                </button>
              )}
              <TranscriptMenu caseId={kase.id} />
              <button type="button" className="button small side-toggle" aria-expanded={sideOpen} aria-controls="case-side" onClick={() => setSideOpen((o) => !o)}>
                <Icon name="user" size={14} /> {t('case.details')}
              </button>
            </div>
          </div>
          <div className="case-head-meta">
            <span className="mono case-ref-big">{kase.reference}</span>
            <span className={`pill status-${kase.status}`}>{statusLabel(kase.status)}</span>
            <span className="meta-item">
              <Icon name={channelIcon[kase.channel] ?? 'globe'} size={13} /> {channelLabel(kase.channel)}
            </span>
            <span className="meta-item lang" title={t('case.customerLanguage')}>
              <Icon name="globe" size={13} /> {t('case.writesIn', { language: languageLabel(kase.language) })}
            </span>
            {kase.transactionRef && (
              <span className="meta-item mono" title={t('panel.referencedTx')}>
                <Icon name="wallet" size={13} /> {kase.transactionRef}
              </span>
            )}
            {viewers.length > 0 && (
              <span className="meta-item viewers" role="status">
                <Icon name="eye" size={13} /> {t('case.alsoViewing', { names: viewers.map((v) => v.name).join(', ') })}
              </span>
            )}
          </div>
        </header>
        {mergedInto && <MergedNotice reference={mergedInto} messages={messages} />}
        <Timeline kase={kase} messages={messages} pending={pending} history={history} customerName={customerName} locale={locale} onRetry={retry} />
        <div className="typing-line" role="status" aria-live="polite">
          {typingName && (
            <>
              <span className="typing-dots" aria-hidden="true">
                <i />
                <i />
                <i />
              </span>
              {t('case.typing', { name: typingName })}
            </>
          )}
        </div>
        <Composer ref={composer} kase={kase} customerName={customerName} agentName={c.me.name} onSend={send} />
      </div>
      <aside className="case-side" id="case-side" aria-label={t('panel.label')}>
        <button type="button" className="icon-button side-close" onClick={() => setSideOpen(false)} aria-label={t('common.close')}>
          <Icon name="x" />
        </button>
        <Details kase={kase} team={team} onPatch={patch} onTeam={changeTeam} />
        <SlaSection kase={kase} mark={publicMark(messages)} locale={locale} />
        <ComplaintSection
          kase={kase}
          locale={locale}
          onChanged={() => {
            void loadCase();
            loadHistory();
          }}
        />
        <SatisfactionSection caseId={kase.id} mark={surveyMark(messages)} locale={locale} />
        <CustomerPanel kase={kase} context={context} locale={locale} />
        <KnowledgePanel kase={kase} text={kase.subject || firstCustomerText.slice(0, 120)} onInsert={(s) => composer.current?.insert(s)} />
      </aside>
      <MergeDialog source={kase} open={merging} onClose={() => setMerging(false)} onMerged={merged} locale={locale} />
    </div>
  );
}

/** Names the case a closed duplicate was merged into, linking to it (its id from the notice sent, else a search). */
function MergedNotice({ reference, messages }: { reference: string; messages: MessageView[] }) {
  const fromMessages = mergedIntoId(messages, reference);
  const [searched, setSearched] = useState<{ reference: string; id: string | null } | null>(null);
  useEffect(() => {
    if (fromMessages) return;
    const ctrl = new AbortController();
    api.get<Page<CaseView>>(`/cases${query({ q: reference, limit: 20 })}`, { signal: ctrl.signal }).then(
      (r) => setSearched({ reference, id: r.items.find((x) => x.reference === reference)?.id ?? null }),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [reference, fromMessages]);
  const id = fromMessages ?? (searched?.reference === reference ? searched.id : null);
  const [before, after] = t('case.mergedInto', { ref: '\u0000' }).split('\u0000');
  return (
    <div className="merged-notice" role="note" aria-label={t('case.mergedLabel')}>
      <Icon name="layers" size={14} />
      <p>
        <strong>
          {before}
          {id ? (
            <a
              className="mono"
              href={href(`/cases/${id}`)}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                navigate(`/cases/${id}`);
              }}
            >
              {reference}
            </a>
          ) : (
            <span className="mono">{reference}</span>
          )}
          {after}
        </strong>
        <span className="merged-hint">{t('case.mergedHint')}</span>
      </p>
    </div>
  );
}

function mergedIntoId(messages: MessageView[], reference: string): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const into = messages[i].metadata?.mergedInto as { caseId?: unknown; reference?: unknown } | undefined;
    if (into && into.reference === reference && typeof into.caseId === 'string') return into.caseId;
  }
  return null;
}

function TranscriptMenu({ caseId }: { caseId: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button type="button" className="button small" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen((o) => !o)}>
        <Icon name="download" size={14} /> {t('case.transcript')}
      </button>
      {open && (
        <div className="menu-list">
          <a href={`/api/v1/cases/${caseId}/transcript?format=html&download=1`} download onClick={() => setOpen(false)}>
            {t('case.transcriptHtml')}
          </a>
          <a href={`/api/v1/cases/${caseId}/transcript?format=json&download=1`} download onClick={() => setOpen(false)}>
            {t('case.transcriptJson')}
          </a>
          <a href={`/api/v1/cases/${caseId}/transcript?format=html`} target="_blank" rel="noreferrer" onClick={() => setOpen(false)}>
            {t('case.transcriptView')}
          </a>
        </div>
      )}
    </div>
  );
}
