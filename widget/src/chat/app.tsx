import type { ComponentChild } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Locale, SupportChannel, WidgetHost } from '../types.js';
import { mayComplain } from './complaint.js';
import { ComplaintPanel } from './complaint-panel.js';
import type { Conversation, Snapshot } from './conversation.js';
import { isMine, surveyOf, time, type AttachmentView, type CaseView, type MessageView } from './model.js';
import type { OutboxItem } from './outbox.js';
import type { ChatKey } from './strings.js';
import { SurveyCard } from './survey.js';
import { attachmentObjectUrl, uploadFile, type UploadError } from './upload.js';

export type T = (key: ChatKey, vars?: Record<string, string | number>) => string;

export interface UiState {
  /** The conversation, the list of conversations, or the case's formal complaint. */
  view: 'thread' | 'list' | 'complaint';
  error?: string;
  /** Put the keyboard in the message box at the next draw (the button pressed is gone with the list). */
  focus?: boolean;
}

export interface ChatProps {
  s: Snapshot;
  t: T;
  locale: Locale;
  host: WidgetHost;
  conversation: Conversation;
  ui: UiState;
  setUi(patch: Partial<UiState>): void;
  input: { current: HTMLTextAreaElement | null };
}

const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/**
 * Outside working hours (or with nobody online) the customer may still write and is told when a person answers:
 * Sapa's own notice for live chat from /support/channels, else one built from its hours and next opening.
 */
function hoursNotice(channel: SupportChannel | undefined, t: T, locale: Locale): string | undefined {
  if (!channel) return undefined;
  if (text(channel.notice)) return text(channel.notice);
  if (channel.openNow !== false) return undefined;
  const next = text(channel.nextOpenAt);
  const when = next && !Number.isNaN(Date.parse(next)) ? t('whenAt', { time: new Date(next).toLocaleString(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' }) }) : t('whenOpen');
  return t('outsideHours', { hours: text(channel.hours) ?? '', when });
}

function Alternatives({ host, locale }: { host: WidgetHost; locale: Locale }) {
  const ref = useRef<HTMLDivElement>(null);
  const fetchedAt = host.support().fetchedAt;
  // Drawn by the loader (its catalog and channel rendering); redrawn only when the language or the data change.
  useEffect(() => {
    if (ref.current) host.renderAlternatives(ref.current, false);
  }, [locale, fetchedAt]);
  return <div ref={ref} />;
}

function Notes({ s, t, host, locale }: ChatProps) {
  const chat = host.support().channels.find((c) => /chat/i.test(c.id));
  const hours = hoursNotice(chat, t, locale);
  const down = s.connection === 'offline' || s.connection === 'unreachable';
  return (
    <div class="notes">
      {s.notice && (
        <p class="note info" role="status">
          {t(s.notice)}
        </p>
      )}
      {down && (
        <div class="note warn" role="status">
          {t(s.connection === 'offline' ? 'offline' : 'unreachable')}{' '}
          <button type="button" class="linkish" onClick={() => host.showDoctor()}>
            {t('doctor')}
          </button>
          <details>
            <summary>{t('alternatives')}</summary>
            <Alternatives host={host} locale={locale} />
          </details>
        </div>
      )}
      {hours && <p class="note info">{hours}</p>}
      {/* A signed-in customer finds the conversation again from Sapa; a guest's only link to it is this storage. */}
      {!host.persistent() && s.contact?.kind !== 'customer' && <p class="note info">{t('notKept')}</p>}
      {s.account && (
        <p class="note warn" role="status">
          {s.account.message}{' '}
          {s.account.appeal?.page && (
            <a href={new URL(s.account.appeal.page, host.base).href} target="_blank" rel="noopener noreferrer">
              {t('appeal')}
            </a>
          )}
        </p>
      )}
    </div>
  );
}

function AuthedImage({ a, host, conversation, t }: { a: AttachmentView; host: WidgetHost; conversation: Conversation; t: T }) {
  const [src, setSrc] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void attachmentObjectUrl(host.base, a.url, conversation.token()).then((u) => live && setSrc(u));
    return () => {
      live = false;
    };
  }, [a.url]);
  const label = t('image', { name: a.filename });
  return src ? (
    <a href={src} target="_blank" rel="noopener noreferrer" aria-label={label}>
      <img class="thumb" src={src} alt={label} />
    </a>
  ) : (
    <span class="file">{a.filename}</span>
  );
}

function FileLink({ a, host, conversation, t }: { a: AttachmentView; host: WidgetHost; conversation: Conversation; t: T }) {
  const download = async () => {
    const href = await attachmentObjectUrl(host.base, a.url, conversation.token());
    if (!href) return;
    const link = document.createElement('a');
    link.href = href;
    link.download = a.filename;
    link.click();
  };
  return (
    <button type="button" class="file" onClick={() => void download()} aria-label={t('download', { name: a.filename })}>
      📄 {a.filename} ({Math.max(1, Math.round(a.size / 1024))} KB)
    </button>
  );
}

function Attachments(props: { items: AttachmentView[]; host: WidgetHost; conversation: Conversation; t: T }) {
  return (
    <>
      {props.items.map((a) =>
        a.mime.startsWith('image/') ? <AuthedImage key={a.id} a={a} {...props} /> : <FileLink key={a.id} a={a} {...props} />,
      )}
    </>
  );
}

// Web addresses and Sapa's own pages (help articles the assistant cites as /help/…, the status page) become links.
const linkPattern = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])|(^|\s)(\/(?:help|status)(?:\/[^\s<>"]*[^\s<>".,;:!?)\]])?)/g;

/** Message text with links; everything else stays text (Preact escapes it). */
function Linked({ body, base }: { body: string; base: string }) {
  const parts: ComponentChild[] = [];
  let last = 0;
  // exec() in a loop, not matchAll(): Safari 12 and older web views lack it.
  linkPattern.lastIndex = 0;
  for (let match = linkPattern.exec(body); match; match = linkPattern.exec(body)) {
    const href = match[1] ?? match[3];
    const at = (match.index ?? 0) + (match[1] ? 0 : match[2].length);
    parts.push(body.slice(last, at));
    parts.push(
      <a href={new URL(href, base).href} target="_blank" rel="noopener noreferrer">
        {href}
      </a>,
    );
    last = at + href.length;
  }
  parts.push(body.slice(last));
  return <div class="text">{parts}</div>;
}

function Bubble({ m, p }: { m: MessageView; p: ChatProps }) {
  const { t, s, locale } = p;
  const mine = isMine(m);
  const kind = m.author.kind;
  const who = mine ? t('you') : kind === 'assistant' ? t('assistant') : kind === 'system' ? t('system') : m.author.name || t('agent');
  const state = s.readSeq >= m.seq ? t('read') : s.deliveredSeq >= m.seq ? t('delivered') : t('sent');
  const bubble = (
    <div class={`msg ${mine ? 'mine' : 'theirs'} ${kind}`} data-seq={m.seq} data-client-id={m.clientMessageId}>
      <div class="meta">
        <span class="who">{who}</span>
        <time dateTime={m.createdAt}>{time(m.createdAt, locale)}</time>
      </div>
      <Linked body={m.body} base={p.host.base} />
      <Attachments items={m.attachments ?? []} host={p.host} conversation={p.conversation} t={t} />
      {mine && <div class="state">{state}</div>}
    </div>
  );
  // Sapa's satisfaction survey: answered here, with the message (and its link) as it is when Sapa does not know it.
  const survey = surveyOf(m);
  return survey ? <SurveyCard m={m} token={survey.token} expiresAt={survey.expiresAt} host={p.host} t={t} locale={locale} fallback={bubble} /> : bubble;
}

function Pending({ item, p }: { item: OutboxItem; p: ChatProps }) {
  const { t, s, conversation } = p;
  const down = s.connection === 'offline' || s.connection === 'unreachable';
  return (
    <div class={`msg mine pending ${item.state === 'failed' ? 'failed' : ''}`} data-client-id={item.clientMessageId} data-state={item.state}>
      <div class="meta">
        <span class="who">{t('you')}</span>
        <time dateTime={item.createdAt}>{time(item.createdAt, p.locale)}</time>
      </div>
      <div class="text">{item.body}</div>
      <Attachments items={item.attachments} host={p.host} conversation={conversation} t={t} />
      <div class="state">
        {item.state === 'failed' ? (
          <>
            {t('failed', { reason: item.error || t('refused', { status: item.status ?? '?' }) })}
            <button type="button" onClick={() => conversation.retry(item.clientMessageId)}>
              {t('retry')}
            </button>
            <button type="button" onClick={() => conversation.discard(item.clientMessageId)}>
              {t('discard')}
            </button>
          </>
        ) : s.sendingId === item.clientMessageId && !down ? (
          t('sending')
        ) : down ? (
          <>⏳ {t('waiting')}</>
        ) : (
          t('sending')
        )}
      </div>
    </div>
  );
}

function Thread(p: ChatProps) {
  const { s, t, conversation } = p;
  const ref = useRef<HTMLDivElement>(null);
  // Follows the newest message until the customer scrolls up to read back.
  const follow = useRef(true);
  const seen = useRef({ seq: -1, outbox: 0, open: false });
  const count = s.messages.length + s.outbox.length;
  const last = s.messages[s.messages.length - 1];
  // After every render, not only when the count changes: a message that turns "failed" grows (its Retry button),
  // and a thread drawn while the panel was hidden has to be scrolled when it opens.
  useLayoutEffect(() => {
    const el = ref.current;
    const before = seen.current;
    const now = { seq: last?.seq ?? 0, outbox: s.outbox.length, open: p.host.isOpen() };
    seen.current = now;
    if (!el || !el.clientHeight) return;
    // A reply to what we hold (not a history being loaded into an empty view).
    const arrived = now.seq > before.seq && (before.seq > 0 || before.outbox > 0);
    const node = last && arrived && !isMine(last) ? el.querySelector<HTMLElement>(`[data-seq="${last.seq}"]`) : null;
    if (node && node.offsetHeight > el.clientHeight * 0.8) {
      // A long answer just arrived: show its beginning, not its end.
      el.scrollTop += node.getBoundingClientRect().top - el.getBoundingClientRect().top - 8;
    } else if (follow.current || now.outbox > before.outbox || (now.open && !before.open)) el.scrollTop = el.scrollHeight;
  });
  const empty = count === 0;
  const status = s.caseView?.status;
  return (
    <div
      class="thread"
      ref={ref}
      role="log"
      aria-live="polite"
      aria-relevant="additions text"
      aria-label={t('thread')}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget as HTMLDivElement;
        follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
    >
      {s.caseView && (
        <p class="case-line">
          {t('caseRef', { ref: s.caseView.reference })} · {t(`status_${s.caseView.status}` as ChatKey)}
        </p>
      )}
      {empty && !s.loading && <div class="msg welcome">{t('welcome')}</div>}
      {s.loading && empty && <div class="msg system">{t('loading')}</div>}
      {s.messages.map((m) => (
        <Bubble key={m.id} m={m} p={p} />
      ))}
      {s.outbox.map((item) => (
        <Pending key={item.clientMessageId} item={item} p={p} />
      ))}
      {s.mode === 'assistant' && s.messages.some((m) => m.author.kind === 'assistant') && !s.outbox.some((i) => i.handoff) && (
        <button type="button" class="btn secondary handoff" onClick={() => conversation.handoff()}>
          {t('talkToPerson')}
        </button>
      )}
      {s.typing !== null && <p class="typing">{t('typing', { name: s.typing || t('agent') })}</p>}
      {status === 'resolved' && <p class="divider">{t('resolvedNote')}</p>}
      {status === 'closed' && <p class="divider">{t('closedNote')}</p>}
    </div>
  );
}

function CaseList(p: ChatProps) {
  const { s, t, conversation, setUi, locale } = p;
  return (
    <div class="list">
      <button
        type="button"
        class="btn"
        onClick={() => {
          conversation.startNew();
          setUi({ view: 'thread', focus: true });
        }}
      >
        {t('newConversation')}
      </button>
      {s.cases === null ? (
        <p class="muted">{t('loading')}</p>
      ) : s.cases.length === 0 ? (
        <p class="muted">{t('noConversations')}</p>
      ) : (
        <ul>
          {s.cases.map((c: CaseView) => (
            <li key={c.id}>
              <button
                type="button"
                class="case"
                aria-current={c.id === s.caseView?.id ? 'true' : undefined}
                onClick={() => {
                  void conversation.openCase(c);
                  setUi({ view: 'thread', focus: true });
                }}
              >
                <strong>{t('caseRef', { ref: c.reference })}</strong> · {t(`status_${c.status}` as ChatKey)}
                <br />
                <small>
                  {c.subject ? `${c.subject} · ` : ''}
                  {time(c.lastMessageAt, locale)}
                </small>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface Staged {
  key: string;
  file: File;
  preview?: string;
  progress: number;
  attachment?: AttachmentView;
  error?: string;
  /** Refused for what the file is (too large, wrong type): sending it again cannot help. */
  final?: boolean;
}

// Refusals about the file itself; anything else (a timeout, a 5xx, an expired session) may pass on a retry.
const finalUpload = new Set([400, 413, 415, 422]);

const attachIcon = (
  <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z" />
  </svg>
);

function Composer(p: ChatProps & { drop: { current: ((files: File[]) => void) | null } }) {
  const { t, host, conversation, input, locale } = p;
  const [value, setValue] = useState(() => host.store.get<string>('draft') ?? '');
  const [files, setFiles] = useState<Staged[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const patch = (key: string, change: Partial<Staged>) => setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...change } : f)));

  const upload = async (st: Staged) => {
    patch(st.key, { error: undefined, final: false, progress: 0 });
    try {
      const session = await conversation.ensureSession();
      const job = uploadFile(host.base, host.locale(), session.token, st.file, (fraction) => patch(st.key, { progress: fraction }));
      const attachment = await job.done;
      patch(st.key, { attachment, progress: 1 });
    } catch (error) {
      const e = error as Partial<UploadError>;
      const offline = !e || !e.status;
      const reason = e.message || t('refused', { status: e.status ?? '?' });
      patch(st.key, { error: offline ? t('uploadOffline') : t('uploadFailed', { name: st.file.name, reason }), final: !offline && finalUpload.has(e.status ?? 0) });
    }
  };

  const add = (list: File[]) => {
    const staged = list.slice(0, 10).map((file, i) => ({
      key: `${Date.now()}-${i}-${file.name}`,
      file,
      preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined,
      progress: 0,
    }));
    setFiles((all) => [...all, ...staged]);
    for (const st of staged) void upload(st);
  };
  p.drop.current = add;

  const busy = files.some((f) => !f.attachment && !f.error);
  const submit = (e?: Event) => {
    e?.preventDefault();
    if (busy) return;
    const ready = files.filter((f) => f.attachment).map((f) => f.attachment!);
    if (!value.trim() && !ready.length) return;
    conversation.write(value, ready);
    setValue('');
    host.store.remove('draft');
    setFiles((all) => all.filter((f) => !f.attachment));
    input.current?.focus();
  };

  return (
    <form class="composer" onSubmit={submit}>
      {files.length > 0 && (
        <ul class="staged">
          {files.map((f) => (
            <li key={f.key} class={f.error ? 'bad' : ''}>
              {f.preview && <img src={f.preview} alt="" />}
              <span class="name">{f.file.name}</span>
              {!f.attachment && !f.error && (
                <progress max={1} value={f.progress} aria-label={t('uploading', { name: f.file.name, pct: Math.round(f.progress * 100) })} />
              )}
              {f.error && !f.final && (
                <button type="button" onClick={() => void upload(f)}>
                  {t('retry')}
                </button>
              )}
              <button type="button" aria-label={t('remove', { name: f.file.name })} onClick={() => setFiles((all) => all.filter((x) => x.key !== f.key))}>
                ×
              </button>
              {f.error && (
                <span class="err" role="alert">
                  {f.error}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <div class="row">
        <label class="sr" for="sapa-input">
          {t('messageLabel')}
        </label>
        <textarea
          id="sapa-input"
          ref={input}
          rows={1}
          lang={locale}
          placeholder={t('placeholder')}
          value={value}
          maxLength={20000}
          onInput={(e) => {
            const v = (e.currentTarget as HTMLTextAreaElement).value;
            setValue(v);
            host.store.set('draft', v);
            conversation.typed();
          }}
          onKeyDown={(e) => {
            // Enter sends; Shift+Enter is a new line; never while an IME (Chinese input) is composing.
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) submit(e);
          }}
          onPaste={(e) => {
            const pasted = Array.from(e.clipboardData?.files ?? []);
            if (pasted.length) {
              e.preventDefault();
              add(pasted);
            }
          }}
        />
        <button type="button" class="icon" aria-label={t('attach')} title={t('attach')} onClick={() => picker.current?.click()}>
          {attachIcon}
        </button>
        <input
          ref={picker}
          type="file"
          hidden
          multiple
          accept="image/*,application/pdf,text/plain"
          onChange={(e) => {
            const el = e.currentTarget as HTMLInputElement;
            add(Array.from(el.files ?? []));
            el.value = '';
          }}
        />
        <button type="submit" class="btn send" disabled={busy}>
          {t('send')}
        </button>
      </div>
    </form>
  );
}

export function Chat(p: ChatProps) {
  const drop = useRef<((files: File[]) => void) | null>(null);
  const [dragging, setDragging] = useState(false);
  const { s, ui } = p;
  return (
    <div
      class="conv"
      onDragOver={(e) => {
        if (e.dataTransfer?.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        const files = Array.from(e.dataTransfer?.files ?? []);
        setDragging(false);
        if (files.length) {
          e.preventDefault();
          drop.current?.(files);
        }
      }}
    >
      <Notes {...p} />
      {ui.view === 'list' ? (
        <CaseList {...p} />
      ) : ui.view === 'complaint' && s.caseView ? (
        <ComplaintPanel
          key={s.caseView.id}
          caseId={s.caseView.id}
          caseRef={s.caseView.reference}
          host={p.host}
          conversation={p.conversation}
          t={p.t}
          locale={p.locale}
          back={() => p.setUi({ view: 'thread', focus: true })}
        />
      ) : (
        <Thread {...p} />
      )}
      {p.ui.error && (
        <p class="note warn" role="alert">
          {p.ui.error}
        </p>
      )}
      {ui.view === 'thread' && <Composer {...p} drop={drop} />}
      {dragging && <div class="drop">{p.t('dropHere')}</div>}
    </div>
  );
}

/** The chat's buttons in the panel's tool row (conversations, transcript, formal complaint). */
export function Tools(p: ChatProps) {
  const { s, t, ui, setUi, conversation } = p;
  return (
    <>
      <button
        type="button"
        class="linkish"
        aria-pressed={ui.view === 'list'}
        onClick={() => {
          if (ui.view === 'list') setUi({ view: 'thread' });
          else {
            setUi({ view: 'list' });
            void conversation.listCases();
          }
        }}
      >
        {t('conversations')}
      </button>
      {s.caseView && (
        <button
          type="button"
          class="linkish"
          onClick={async () => {
            const error = await conversation.downloadTranscript();
            setUi({ error: error ? t('transcriptFailed', { reason: error }) : undefined });
          }}
        >
          {t('transcript')}
        </button>
      )}
      {/* Last, so the other buttons keep their place for a guest and a customer alike. */}
      {mayComplain(s) && (
        <button type="button" class="linkish" aria-pressed={ui.view === 'complaint'} onClick={() => setUi(ui.view === 'complaint' ? { view: 'thread', focus: true } : { view: 'complaint' })}>
          {t('complaint')}
        </button>
      )}
    </>
  );
}
