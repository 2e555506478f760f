import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { repeatsRefusal } from '../account/gate';
import { hueOf, initials } from '../format';
import { t } from '../i18n';
import { Icon } from './Icon';

export function Avatar({ id, name, size = 28, presence }: { id: string; name: string | null; size?: number; presence?: 'online' | 'away' | 'offline' }) {
  const hue = hueOf(id);
  return (
    <span className="avatar" style={{ width: size, height: size, fontSize: Math.round(size * 0.4), background: `hsl(${hue} 60% 93%)`, color: `hsl(${hue} 55% 24%)` }} aria-hidden="true">
      {initials(name)}
      {presence && <span className={`presence-dot ${presence}`} />}
    </span>
  );
}

export function Spinner({ label }: { label?: string }) {
  return (
    <span className="spinner" role="status">
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
    </span>
  );
}

export function Empty({ icon, title, children }: { icon?: Parameters<typeof Icon>[0]['name']; title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      {icon && <Icon name={icon} size={28} />}
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

/** A list with nothing to show yet: a spinner while it loads, or why it could not load and a retry. */
export function NotLoaded({ error, failedTitle, onRetry }: { error: string | null; failedTitle: string; onRetry: () => void }) {
  return error ? (
    <Empty icon="alert" title={failedTitle}>
      <p>{error}</p>
      <button type="button" className="button small" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </Empty>
  ) : (
    <div className="pane-loading">
      <Spinner />
    </div>
  );
}

/** The next page of a list: "Loading…" and disabled while it comes. */
export function LoadMore({ label, busy, onMore }: { label: string; busy: boolean; onMore: () => void }) {
  return (
    <div className="load-more">
      <button type="button" className="button small" onClick={onMore} disabled={busy}>
        {busy ? t('common.loading') : label}
      </button>
    </div>
  );
}

/** One of a few values as a row of toggles (radio inputs under a hidden legend), and the list's "Refresh" beside it. */
export function ChoiceAndRefresh<V extends string | number>(p: { name: string; legend: string; options: readonly V[]; value: V; label: (v: V) => string; onChange: (v: V) => void; onRefresh: () => void }) {
  return (
    <>
      <fieldset className="segmented">
        <legend className="visually-hidden">{p.legend}</legend>
        {p.options.map((v) => (
          <label key={v} className={p.value === v ? 'checked' : ''}>
            <input type="radio" name={p.name} value={String(v)} checked={p.value === v} onChange={() => p.onChange(v)} />
            {p.label(v)}
          </label>
        ))}
      </fieldset>
      <button type="button" className="button small" onClick={p.onRefresh}>
        <Icon name="refresh" size={14} /> {t('inbox.refresh')}
      </button>
    </>
  );
}

/** A modal on the native <dialog>: focus trap, Escape and the backdrop come from the browser. */
export function Dialog({ open, onClose, title, children, wide }: { open: boolean; onClose: () => void; title: string; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog wide' : 'dialog'}
      aria-label={title}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      {open && (
        <div className="dialog-inner">
          <header className="dialog-head">
            <h2>{title}</h2>
            <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
              <Icon name="x" />
            </button>
          </header>
          <div className="dialog-body">{children}</div>
        </div>
      )}
    </dialog>
  );
}

// ------------------------------------------------------------------------------------------ toasts

interface Toast {
  id: number;
  kind: 'info' | 'error' | 'success' | 'warn';
  text: string;
  /** The toast's text becomes a button doing this (opening the case it names), and the toast goes. */
  onClick?: () => void;
  /** A link after the text (to the case it names): a real link, so it opens in a new tab too; followed here, the toast goes. */
  link?: ToastLink;
}
export interface ToastLink {
  text: string;
  href: string;
  onFollow: () => void;
}
let toasts: Toast[] = [];
let nextToast = 1;
const toastListeners = new Set<() => void>();
const emitToasts = () => toastListeners.forEach((fn) => fn());

export function toast(text: string, kind: Toast['kind'] = 'info', options: { onClick?: () => void; link?: ToastLink } = {}): void {
  // Screens whose requests were refused until two-factor sign-in is on: the Security screen's banner says it once.
  if ((kind === 'error' || kind === 'warn') && repeatsRefusal(text)) return;
  const id = nextToast++;
  toasts = [...toasts.slice(-3), { id, kind, text, onClick: options.onClick, link: options.link }];
  emitToasts();
  // A toast offering a link stays long enough to reach it.
  setTimeout(() => dismiss(id), options.link ? 12_000 : kind === 'error' || kind === 'warn' ? 8000 : 4000);
}
function dismiss(id: number) {
  toasts = toasts.filter((x) => x.id !== id);
  emitToasts();
}

export function Toasts() {
  const list = useSyncExternalStore(
    (fn) => {
      toastListeners.add(fn);
      return () => toastListeners.delete(fn);
    },
    () => toasts,
  );
  return (
    <div className="toasts" aria-live="polite" aria-atomic="false">
      {list.map((x) => (
        <div key={x.id} className={`toast ${x.kind}`} role={x.kind === 'error' ? 'alert' : 'status'}>
          {x.onClick ? (
            <button
              type="button"
              className="link-button toast-action"
              onClick={() => {
                dismiss(x.id);
                x.onClick?.();
              }}
            >
              {x.text}
            </button>
          ) : (
            <span>
              {x.text}
              {x.link && (
                <>
                  {' '}
                  <a
                    className="toast-link"
                    href={x.link.href}
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                      e.preventDefault();
                      dismiss(x.id);
                      x.link?.onFollow();
                    }}
                  >
                    {x.link.text}
                  </a>
                </>
              )}
            </span>
          )}
          <button type="button" className="icon-button" onClick={() => dismiss(x.id)} aria-label={t('common.dismiss')}>
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}

/** Re-renders every `ms` so ages ("4m") stay true without a refetch. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}
