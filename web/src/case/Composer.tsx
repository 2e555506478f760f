import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { ApiError, api } from '../api';
import { Icon } from '../components/Icon';
import { toast } from '../components/ui';
import { bytes } from '../format';
import { t } from '../i18n';
import { live } from '../live';
import { channelLabel } from '../taxonomy';
import { loadCanned, renderCanned } from '../canned';
import type { Canned, CaseView } from '../types';

export type ComposerMode = 'reply' | 'note';
export interface ComposerHandle {
  focus(mode?: ComposerMode): void;
  /** Opens the saved-replies picker, as typing "/" does. */
  canned(): void;
  insert(text: string): void;
}

interface Props {
  kase: CaseView;
  customerName: string | null;
  agentName: string;
  onSend: (body: string, internal: boolean, attachmentIds: string[]) => Promise<boolean>;
}

interface Upload {
  id: string | null;
  name: string;
  size: number;
  error?: string;
}

const TRIGGER = /(^|\s)\/([\p{L}\p{N}_-]*)$/u;

export const Composer = forwardRef<ComposerHandle, Props>(function Composer({ kase, customerName, agentName, onSend }, ref) {
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [sending, setSending] = useState(false);
  const [canned, setCanned] = useState<Canned[] | null>(null);
  const [picker, setPicker] = useState<{ query: string; start: number } | null>(null);
  const [active, setActive] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const typingSent = useRef(0);
  const typingStop = useRef<number | undefined>(undefined);
  const closed = kase.status === 'closed';

  const vars = useMemo(
    () => ({ 'customer.name': customerName ?? t('case.customer'), 'case.reference': kase.reference, 'agent.name': agentName }),
    [customerName, kase.reference, agentName],
  );

  const matchesCanned = useMemo(() => {
    if (!picker || !canned) return [];
    const q = picker.query.toLowerCase();
    return canned
      .filter((c) => !q || c.shortcut.includes(q) || c.title.toLowerCase().includes(q))
      .sort((a, b) => Number(!a.shortcut.startsWith(q)) - Number(!b.shortcut.startsWith(q)))
      .slice(0, 8);
  }, [picker, canned]);

  const openPicker = (value: string, caret: number) => {
    const m = TRIGGER.exec(value.slice(0, caret));
    if (!m) return setPicker(null);
    setPicker({ query: m[2], start: caret - m[2].length - 1 });
    setActive(0);
    if (!canned) loadCanned().then(setCanned, () => setCanned([]));
  };

  const choose = (c: Canned) => {
    if (!picker) return;
    const caret = area.current?.selectionStart ?? text.length;
    const body = renderCanned(c, kase.language, vars);
    const next = text.slice(0, picker.start) + body + text.slice(caret);
    setText(next);
    setPicker(null);
    requestAnimationFrame(() => {
      const el = area.current;
      if (!el) return;
      el.focus();
      const at = picker.start + body.length;
      el.setSelectionRange(at, at);
    });
  };

  useImperativeHandle(ref, () => ({
    focus(m) {
      if (m) setMode(m);
      requestAnimationFrame(() => area.current?.focus());
    },
    canned() {
      const el = area.current;
      if (!el) return;
      el.focus();
      const caret = el.selectionStart ?? text.length;
      const before = text.slice(0, caret);
      const insert = before && !/\s$/.test(before) ? ' /' : '/';
      const next = before + insert + text.slice(caret);
      setText(next);
      openPicker(next, caret + insert.length);
      requestAnimationFrame(() => el.setSelectionRange(caret + insert.length, caret + insert.length));
    },
    insert(snippet) {
      setText((prev) => (prev && !prev.endsWith('\n') ? `${prev}\n${snippet}` : prev + snippet));
      requestAnimationFrame(() => area.current?.focus());
    },
  }));

  // Typing indicator: "typing" at most every 2 s while keys arrive, "stopped" after 4 s of quiet or on send.
  const typing = (on: boolean) => {
    if (!live.isLive) return;
    clearTimeout(typingStop.current);
    if (on) {
      if (Date.now() - typingSent.current > 2000) {
        typingSent.current = Date.now();
        live.tell('typing', { caseId: kase.id, typing: true, internal: mode === 'note' });
      }
      typingStop.current = window.setTimeout(() => typing(false), 4000);
    } else {
      typingSent.current = 0;
      live.tell('typing', { caseId: kase.id, typing: false });
    }
  };
  useEffect(
    () => () => {
      clearTimeout(typingStop.current);
      if (typingSent.current) live.tell('typing', { caseId: kase.id, typing: false });
    },
    [kase.id],
  );

  async function upload(files: FileList | null) {
    if (!files) return;
    for (const f of Array.from(files).slice(0, 5)) {
      const entry: Upload = { id: null, name: f.name, size: f.size };
      setUploads((prev) => [...prev, entry]);
      const fd = new FormData();
      fd.append('file', f, f.name);
      try {
        const r = await api.post<{ id: string }>('/attachments', fd);
        setUploads((prev) => prev.map((u) => (u === entry ? { ...u, id: r.id } : u)));
      } catch (err) {
        const message = err instanceof ApiError ? err.message : String(err);
        setUploads((prev) => prev.map((u) => (u === entry ? { ...u, error: message } : u)));
        toast(message, 'error');
      }
    }
    if (file.current) file.current.value = '';
  }

  async function send() {
    const body = text.trim();
    const ready = uploads.filter((u) => u.id).map((u) => u.id!);
    if ((!body && !ready.length) || sending || uploads.some((u) => !u.id && !u.error)) return;
    setSending(true);
    typing(false);
    // The text leaves the box at once; if sending fails it stays in the timeline with a retry.
    setText('');
    setUploads([]);
    setPicker(null);
    const names = uploads.filter((u) => u.id).map((u) => u.name).join(', ');
    const ok = await onSend(body || names, mode === 'note', ready);
    setSending(false);
    if (ok && mode === 'note') setMode('reply');
    area.current?.focus();
  }

  const pending = uploads.some((u) => !u.id && !u.error);
  const placeholder = closed ? t('composer.closed') : mode === 'note' ? t('composer.notePlaceholder') : t('composer.replyPlaceholder');

  return (
    <div className={`composer${mode === 'note' ? ' note' : ''}`}>
      <div className="composer-tabs" role="radiogroup" aria-label={t('composer.mode')}>
        {(['reply', 'note'] as const).map((m) => (
          <button key={m} type="button" role="radio" aria-checked={mode === m} className={mode === m ? 'tab active' : 'tab'} onClick={() => setMode(m)}>
            <Icon name={m === 'reply' ? 'send' : 'lock'} size={13} /> {m === 'reply' ? t('composer.reply') : t('composer.note')}
          </button>
        ))}
        {mode === 'reply' && <span className="composer-to muted">{t('composer.replyVia', { channel: channelLabel(kase.channel) })}</span>}
      </div>
      {picker && (
        <div className="canned-picker" role="listbox" id="canned-list" aria-label={t('composer.cannedTitle')}>
          {canned === null ? (
            <div className="canned-empty">{t('common.loading')}</div>
          ) : !matchesCanned.length ? (
            <div className="canned-empty">{t('composer.cannedNone')}</div>
          ) : (
            matchesCanned.map((c, i) => (
              <div
                key={c.id}
                id={`canned-${c.id}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'canned-option active' : 'canned-option'}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(c);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="canned-shortcut">/{c.shortcut}</span>
                <span className="canned-title">{c.title}</span>
                <span className="canned-preview">{renderCanned(c, kase.language, vars)}</span>
              </div>
            ))
          )}
        </div>
      )}
      <textarea
        ref={area}
        value={text}
        disabled={closed}
        rows={3}
        placeholder={placeholder}
        aria-label={mode === 'note' ? t('composer.note') : t('composer.reply')}
        aria-controls={picker ? 'canned-list' : undefined}
        aria-activedescendant={picker && matchesCanned[active] ? `canned-${matchesCanned[active].id}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          openPicker(e.target.value, e.target.selectionStart ?? e.target.value.length);
          typing(true);
        }}
        onKeyDown={(e) => {
          if (picker && matchesCanned.length) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + matchesCanned.length) % matchesCanned.length);
              return;
            }
            if (e.key === 'Enter' || e.key === 'Tab') {
              e.preventDefault();
              choose(matchesCanned[active]);
              return;
            }
          }
          if (e.key === 'Escape') {
            if (picker) setPicker(null);
            else area.current?.blur();
            e.preventDefault();
            return;
          }
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
        onBlur={() => setTimeout(() => setPicker(null), 150)}
      />
      {uploads.length > 0 && (
        <ul className="upload-list">
          {uploads.map((u, i) => (
            <li key={i} className={u.error ? 'upload failed' : u.id ? 'upload' : 'upload busy'}>
              <Icon name="clip" size={12} /> {u.name} <span className="muted">{bytes(u.size, document.documentElement.lang)}</span>
              <button type="button" className="icon-button" aria-label={t('composer.removeFile', { name: u.name })} onClick={() => setUploads((prev) => prev.filter((x) => x !== u))}>
                <Icon name="x" size={12} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-foot">
        <input ref={file} type="file" hidden multiple accept="image/*,application/pdf,text/plain" onChange={(e) => void upload(e.target.files)} />
        <button type="button" className="icon-button" disabled={closed} onClick={() => file.current?.click()} aria-label={t('composer.attach')} title={t('composer.attach')}>
          <Icon name="clip" />
        </button>
        <button
          type="button"
          className="icon-button"
          disabled={closed}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            const el = area.current;
            if (!el) return;
            const caret = el.selectionStart ?? text.length;
            const before = text.slice(0, caret);
            const insert = before && !/\s$/.test(before) ? ' /' : '/';
            const next = before + insert + text.slice(caret);
            setText(next);
            el.focus();
            openPicker(next, caret + insert.length);
          }}
          aria-label={t('composer.cannedTitle')}
          title={t('composer.cannedTitle')}
        >
          <Icon name="zap" />
        </button>
        <span className="composer-hint muted">{t('composer.hint')}</span>
        <button type="button" className={mode === 'note' ? 'button note-button' : 'button primary'} disabled={closed || sending || pending || (!text.trim() && !uploads.some((u) => u.id))} onClick={() => void send()}>
          {mode === 'note' ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </div>
  );
});
