import { locales, type ChatInstance, type HostEvent, type Locale, type MountChat, type Settings, type SupportInfo, type WidgetHost } from '../types.js';
import { alternativesView, statusMessage } from './alternatives.js';
import { baseFrom, pickLocale, readSettings, safeColor, textOn, toLocale } from './config.js';
import { collectDiagnostics } from './device.js';
import { doctorView } from './doctor.js';
import { addStyle, el, fill, focusedIn, type WidgetRoot } from './dom.js';
import { request } from './net.js';
import { createStore } from './storage.js';
import { languageNames, loaderText, type LoaderKey } from './strings.js';
import { loaderCss } from './styles.js';
import { cachedSupport, chatChannel, describe, refreshSupport } from './support.js';

// The file name of the chat chunk, with its content hash; set by widget/build.ts.
declare const __SAPA_CHAT__: string;

type Command = 'open' | 'close' | 'toggle' | 'identify' | 'locale';
interface SapaFunction {
  (command: Command, arg?: unknown): void;
  q?: ArrayLike<unknown>[];
  loaded?: boolean;
}
declare global {
  interface Window {
    Sapa?: SapaFunction;
    SapaSettings?: Settings;
  }
}

const DEFAULT_COLOR = '#0a6640';
const SUPPORT_TTL_MS = 5 * 60_000;
const CHUNK_TIMEOUT_MS = 20_000;

let warnings = 0;
/** The widget must never break the page: errors are caught everywhere and reported quietly, a few at most. */
function report(error: unknown) {
  if (warnings++ < 5) console.warn('[Sapa widget]', error);
}

function idle(fn: () => void, timeout = 3000) {
  const ric = (window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  if (ric) ric(fn, { timeout });
  else window.setTimeout(fn, 1200);
}

function boot() {
  const script = document.currentScript as HTMLScriptElement | null;
  const existing = window.Sapa;
  if (existing?.loaded) return; // the snippet was pasted twice
  const queued = existing?.q ? Array.from(existing.q) : [];
  const settings = readSettings(script, window.SapaSettings);
  const base = baseFrom(settings, script?.src, location.href);
  const store = createStore();
  let current: Locale = pickLocale(store.get<string>('locale'), settings.locale, document.documentElement.lang, ...(navigator.languages ?? []), navigator.language);
  let support: SupportInfo = cachedSupport(store, base);
  const listeners = new Map<HostEvent, Set<() => void>>();
  const emit = (event: HostEvent) => listeners.get(event)?.forEach((fn) => {
    try {
      fn();
    } catch (error) {
      report(error);
    }
  });

  const pending: [Command, unknown][] = queued.map((args) => [args[0] as Command, args[1]]);
  let ui: ReturnType<typeof buildUi> | undefined;
  const sapa: SapaFunction = (command, arg) => {
    try {
      if (!ui) pending.push([command, arg]);
      else run(command, arg);
    } catch (error) {
      report(error);
    }
  };
  sapa.loaded = true;
  window.Sapa = sapa;

  function run(command: Command, arg: unknown) {
    if (!ui) return;
    if (command === 'open') ui.open();
    else if (command === 'close') ui.close();
    else if (command === 'toggle') {
      if (ui.isOpen()) ui.close();
      else ui.open();
    }
    else if (command === 'identify') {
      const token = typeof arg === 'string' ? arg : arg && typeof arg === 'object' ? (arg as { identityToken?: unknown }).identityToken : undefined;
      settings.identityToken = typeof token === 'string' && token ? token : undefined;
      emit('identify');
    } else if (command === 'locale') {
      const l = toLocale(typeof arg === 'string' ? arg : undefined);
      if (l) ui.setLocale(l);
    } else report(`unknown command ${String(command)}`);
  }

  function buildUi() {
    const t = (key: LoaderKey, vars?: Record<string, string | number>) => loaderText(current, key, vars);
    const hostEl = document.createElement('sapa-widget');
    // CSSOM, not a style attribute: a strict CSP refuses the latter.
    hostEl.style.cssText = 'all:initial;position:static';
    document.body.appendChild(hostEl);
    const left = settings.position === 'left';
    // Without shadow DOM (very old engines, pages or extensions that remove it), an iframe keeps the page's styles
    // and ours apart instead: the launcher's corner while closed, the whole window while open.
    let frame: HTMLIFrameElement | undefined;
    let shadow: WidgetRoot;
    if (typeof hostEl.attachShadow === 'function') shadow = hostEl.attachShadow({ mode: 'open' });
    else {
      frame = document.createElement('iframe');
      hostEl.appendChild(frame);
      shadow = frame.contentDocument!;
      // A document of our own, so that no later about:blank load in the frame replaces what we draw. Opened and closed
      // empty (the parser adds head and body): write() is refused under Trusted Types, and the frame, left open, would
      // hold the page's load event forever.
      shadow.open();
      shadow.close();
      addStyle(shadow, 'html,body{margin:0;background:transparent}');
    }
    const color = safeColor(settings.primaryColor) ?? DEFAULT_COLOR;
    const root = el('div', { class: `root ${left ? 'left' : 'right'}` });
    addStyle(shadow, loaderCss);
    ('head' in shadow ? shadow.body : shadow).appendChild(root);
    root.style.setProperty('--p', color);
    root.style.setProperty('--on-p', textOn(color, root));
    const placeFrame = () => {
      if (frame) frame.style.cssText = `position:fixed;border:0;margin:0;padding:0;background:transparent;color-scheme:normal;z-index:2147483000;bottom:0;${left ? 'left' : 'right'}:0;${open ? 'width:100%;height:100%' : 'width:100px;height:100px'}`;
    };

    const badge = el('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
    const launcher = el(
      'button',
      { type: 'button', class: 'launcher', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': 'sapa-panel' },
      svgIcon(),
      badge,
    );
    const title = el('h2', { id: 'sapa-title' });
    const sub = el('p', { class: 'sub' });
    const closeBtn = el('button', { type: 'button', class: 'x' }, '×');
    const langSelect = el('select', {}, ...locales.map((l) => el('option', { value: l, lang: l }, languageNames[l])));
    const doctorBtn = el('button', { type: 'button', class: 'linkish' });
    const toolbar = el('span', { class: 'chat-tools' });
    const banner = el('p', { class: 'banner', role: 'status', hidden: true });
    const chatView = el('div', { class: 'view chat' });
    const otherView = el('div', { class: 'view', hidden: true });
    const panel = el(
      'div',
      { id: 'sapa-panel', class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'sapa-title', hidden: true },
      el('div', { class: 'head' }, el('div', { class: 'titles' }, title, sub), closeBtn),
      el('div', { class: 'tools' }, langSelect, doctorBtn, toolbar),
      banner,
      el('div', { class: 'body' }, chatView, otherView),
    );
    root.append(launcher, panel);

    let open = false;
    placeFrame();
    let unread = 0;
    let view: 'chat' | 'doctor' = 'chat';
    let chat: ChatInstance | undefined;
    let chatLoading: Promise<void> | undefined;
    let chatFailed = false;
    let attempts = 0;
    let retryTimer = 0;

    const host: WidgetHost = {
      base,
      settings,
      toolbar,
      locale: () => current,
      setLocale,
      store,
      persistent: () => store.persistent(),
      addStyle: (css) => addStyle(shadow, css),
      request: (path, options) => request(base, current, path, options),
      diagnostics: () => collectDiagnostics(settings.appVersion, current),
      support: () => support,
      refreshSupport: updateSupport,
      renderAlternatives: (into, heading) => fill(into, alternativesView(support, current, { heading, base })),
      showDoctor: () => showView('doctor'),
      setUnread(count) {
        unread = open ? 0 : count;
        renderTexts();
      },
      isOpen: () => open,
      on(event, fn) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(fn);
        return () => listeners.get(event)?.delete(fn);
      },
      report,
    };

    function renderTexts() {
      panel.setAttribute('lang', current);
      launcher.setAttribute('aria-label', unread ? t('launcherUnread', { n: unread }) : t('launcher'));
      badge.hidden = !unread || open;
      badge.textContent = unread > 9 ? '9+' : String(unread);
      title.textContent = t('title');
      if (frame) frame.title = t('title');
      closeBtn.setAttribute('aria-label', t('close'));
      langSelect.setAttribute('aria-label', t('language'));
      langSelect.value = current;
      doctorBtn.textContent = view === 'doctor' ? t('back') : t('doctor');
      const live = chatChannel(support);
      const hours = describe(live?.hours, current);
      const expected = describe(live?.expectedResponse, current);
      sub.textContent = [hours && t('hours', { hours }), expected && t('expected', { expected })].filter(Boolean).join(' · ');
      sub.hidden = !sub.textContent;
      const status = statusMessage(support.status, current);
      banner.textContent = status ?? '';
      banner.hidden = !status;
    }

    async function updateSupport(): Promise<SupportInfo> {
      try {
        support = await refreshSupport(store, base, current);
        renderTexts();
        emit('support');
        if (chatFailed && open) renderUnreachable();
      } catch (error) {
        report(error);
      }
      return support;
    }

    function setLocale(l: Locale) {
      if (l === current) return;
      current = l;
      store.set('locale', l);
      renderTexts();
      if (view === 'doctor') fill(otherView, doctorView(doctorDeps()));
      if (chatFailed) renderUnreachable();
      emit('locale');
      // Channel names, hours and status text come localized from Sapa: fetch them in the new language.
      void updateSupport();
    }

    const doctorDeps = () => ({
      base,
      locale: () => current,
      store,
      appVersion: settings.appVersion,
      support: () => support,
      refreshSupport: updateSupport,
      context: () => host.chatContext?.(),
      diagnostics: host.diagnostics,
    });

    function showView(next: 'chat' | 'doctor') {
      view = next;
      chatView.hidden = next !== 'chat';
      otherView.hidden = next === 'chat';
      // The chat's own buttons (conversations, transcript) act on the hidden chat view: out of the way meanwhile.
      toolbar.hidden = next !== 'chat';
      if (next === 'doctor') {
        fill(otherView, doctorView(doctorDeps()));
        otherView.querySelector<HTMLElement>('.view-title')?.focus();
      } else if (chat) chat.focus();
      renderTexts();
    }

    /** Loads the chat chunk (once); on failure shows the alternatives and keeps retrying by itself. */
    function ensureChat(): Promise<void> {
      if (chat) return Promise.resolve();
      if (chatLoading) return chatLoading;
      if (!chatFailed) fill(chatView, el('div', { class: 'spinner', role: 'status', 'aria-label': t('loading') }));
      const url = new URL(`widget/${__SAPA_CHAT__}`, base);
      // A failed import() may be remembered by the browser: a retry asks for a fresh URL.
      if (attempts > 0) url.searchParams.set('retry', String(attempts));
      attempts++;
      chatLoading = withTimeout(import(/* @vite-ignore */ url.href) as Promise<{ mount: MountChat }>, CHUNK_TIMEOUT_MS)
        .then((module) => {
          window.clearTimeout(retryTimer);
          chatFailed = false;
          fill(chatView);
          chat = module.mount(host, chatView);
          if (open && view === 'chat') chat.focus();
        })
        .catch((error: unknown) => {
          report(error);
          chatFailed = true;
          renderUnreachable();
          scheduleRetry();
        })
        .finally(() => {
          chatLoading = undefined;
        });
      return chatLoading;
    }

    function scheduleRetry() {
      window.clearTimeout(retryTimer);
      // 5 s, 10 s, 20 s … up to a minute: the seed's first remedy (check the connection, try again) done for them.
      const delay = Math.min(60_000, 5000 * 2 ** Math.min(attempts - 1, 4));
      retryTimer = window.setTimeout(() => void ensureChat(), delay);
    }

    function renderUnreachable() {
      const waiting = store.get<unknown[]>('outbox')?.length ?? 0;
      const retry = el('button', { type: 'button', class: 'btn' }, t('retryNow'));
      retry.addEventListener('click', () => {
        void ensureChat();
        void updateSupport();
      });
      fill(
        chatView,
        el(
          'div',
          { class: 'view' },
          el('h3', { class: 'view-title' }, t('offlineTitle')),
          el('p', {}, navigator.onLine === false ? t('offlineDevice') : t('offlineServer')),
          waiting ? el('p', { class: 'status-msg' }, t('waiting', { n: waiting })) : null,
          el('p', { class: 'muted small', role: 'status' }, t('retrying')),
          retry,
          alternativesView(support, current, { base }),
        ),
      );
    }

    function openPanel() {
      if (open) return;
      open = true;
      placeFrame();
      unread = 0;
      panel.hidden = false;
      root.classList.add('open');
      launcher.setAttribute('aria-expanded', 'true');
      renderTexts();
      emit('open');
      if (view === 'doctor') showView('doctor');
      else if (chat) chat.focus();
      else closeBtn.focus();
      void ensureChat();
      if (Date.now() - support.fetchedAt > 30_000) void updateSupport();
    }

    function closePanel() {
      if (!open) return;
      const hadFocus = focusedIn(shadow) !== null;
      open = false;
      placeFrame();
      panel.hidden = true;
      root.classList.remove('open');
      launcher.setAttribute('aria-expanded', 'false');
      renderTexts();
      emit('close');
      if (hadFocus) launcher.focus();
    }
    // In the iframe the open panel's surroundings belong to the frame: a click there closes, as the page is behind it.
    if (frame) shadow.addEventListener('click', (e) => {
      if (e.target === (shadow as Document).body || e.target === (shadow as Document).documentElement) closePanel();
    });

    launcher.addEventListener('click', () => (open ? closePanel() : openPanel()));
    closeBtn.addEventListener('click', closePanel);
    langSelect.addEventListener('change', () => setLocale(pickLocale(langSelect.value)));
    doctorBtn.addEventListener('click', () => showView(view === 'doctor' ? 'chat' : 'doctor'));
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        closePanel();
      } else if (e.key === 'Tab') trapFocus(e, panel, shadow);
    });
    window.addEventListener('online', () => {
      if (chatFailed) void ensureChat();
    });

    renderTexts();
    // Fresh contact alternatives and status for the day Sapa is down, fetched when the page has nothing better to do.
    idle(() => {
      if (Date.now() - support.fetchedAt > SUPPORT_TTL_MS) void updateSupport();
      // Messages typed before a reload are still waiting: load the chat (not shown) so they go out by themselves.
      if ((store.get<unknown[]>('outbox')?.length ?? 0) > 0) void ensureChat();
    });
    return { open: openPanel, close: closePanel, isOpen: () => open, setLocale };
  }

  const start = () => {
    try {
      ui = buildUi();
      for (const [command, arg] of pending.splice(0)) run(command, arg);
    } catch (error) {
      report(error);
    }
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (v) => {
        window.clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        window.clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** Keeps Tab inside the open panel (a modal dialog), wrapping at both ends. */
function trapFocus(e: KeyboardEvent, panel: HTMLElement, shadow: WidgetRoot) {
  const focusable = [...panel.querySelectorAll<HTMLElement>('button,[href],input,select,textarea,[tabindex]:not([tabindex="-1"])')].filter(
    (n) => !(n as HTMLButtonElement).disabled && n.getClientRects().length > 0,
  );
  if (!focusable.length) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = focusedIn(shadow);
  if (e.shiftKey && (active === first || !panel.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !panel.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}

function svgIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8.5L4 21.5V18a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z');
  svg.appendChild(path);
  return svg;
}

try {
  boot();
} catch (error) {
  report(error);
}
