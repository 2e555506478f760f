import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTwoFactorRequired } from '../account/gate';
import { api } from '../api';
import { Icon, type IconName } from '../components/Icon';
import { Avatar, Dialog, Kbd, Spinner, toast } from '../components/ui';
import { languageNames, t, useLocale } from '../i18n';
import { live, useConnState, type ConnState } from '../live';
import { askDesktopPermission, beep, canBeep, canNotifyDesktop, desktopNotify, desktopPermission, inOneTab, primeAudio } from '../notify';
import { caseIdOf, href, navigate, usePath } from '../router';
import { assignedBySelf, type AssignmentChange } from '../routing';
import { installShortcuts, keyOf, useShortcut, type Action } from '../shortcuts';
import { useConsole, type AssigneeView } from '../state';
import { locales, type CaseView, type HistoryItem, type Locale, type MessageView, type Preferences } from '../types';
import { Inbox } from './Inbox';

// Screens other than the inbox load on demand, so the first screen stays small.
const Overview = lazy(() => import('../admin/Overview'));
const Satisfaction = lazy(() => import('../admin/Satisfaction'));
const ServiceLevels = lazy(() => import('../admin/ServiceLevels'));
const Routing = lazy(() => import('../admin/Routing'));
const Complaints = lazy(() => import('./Complaints'));
const Callbacks = lazy(() => import('./Callbacks'));
const Agents = lazy(() => import('../admin/Agents'));
const Teams = lazy(() => import('../admin/Teams'));
const CannedAdmin = lazy(() => import('../admin/Canned'));
const ChannelsAdmin = lazy(() => import('../admin/Channels'));
const AssistantAdmin = lazy(() => import('../admin/Assistant'));
const Security = lazy(() => import('../account/Security'));

export function Shell() {
  const path = usePath();
  const c = useConsole();
  useLocale();
  const [help, setHelp] = useState(false);
  const [settings, setSettings] = useState(false);
  // The desk requires two-factor sign-in and this agent has none: the Security screen only, until it is on.
  const twoFactorRequired = useTwoFactorRequired();
  useEffect(() => {
    if (twoFactorRequired && path !== '/account/security') navigate('/account/security', { replace: true });
  }, [twoFactorRequired, path]);

  useEffect(() => {
    void live.start();
    primeAudio();
    const off = installShortcuts();
    const expired = live.on('session:expired', () => void c.signOut());
    return () => {
      off();
      expired();
      live.stop();
    };
  }, []);

  useShortcut('help', () => setHelp(true));
  useNewMessageAlerts();
  useAssignmentAlerts();
  useSlaBreachAlerts();

  const caseId = caseIdOf(path);
  let screen: React.ReactNode;
  if (twoFactorRequired) screen = <Security />;
  else if (path === '/' || caseId) screen = <Inbox selectedId={caseId} />;
  else if (path === '/complaints') screen = <Complaints />;
  else if (path === '/callbacks') screen = <Callbacks />;
  else if (path === '/account/security') screen = <Security />;
  else if (path === '/overview' && c.isSupervisor) screen = <Overview />;
  else if (path === '/satisfaction' && c.isSupervisor) screen = <Satisfaction />;
  else if (path === '/sla' && c.isSupervisor) screen = <ServiceLevels />;
  else if (path === '/routing' && c.isSupervisor) screen = <Routing />;
  else if (path === '/admin/agents' && c.isSupervisor) screen = <Agents />;
  else if (path === '/admin/teams' && c.isSupervisor) screen = <Teams />;
  else if (path === '/admin/canned' && c.isSupervisor) screen = <CannedAdmin />;
  else if (path === '/admin/channels' && c.isSupervisor) screen = <ChannelsAdmin />;
  else if (path === '/admin/assistant' && c.isSupervisor) screen = <AssistantAdmin />;
  else screen = <Inbox selectedId={null} />;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Sidebar path={path} onHelp={() => setHelp(true)} onSettings={() => setSettings(true)} />
      <main id="main" className="main" tabIndex={-1}>
        <Suspense
          fallback={
            <div className="pane-loading">
              <Spinner />
            </div>
          }
        >
          {screen}
        </Suspense>
      </main>
      <HelpDialog open={help} onClose={() => setHelp(false)} />
      <SettingsDialog open={settings} onClose={() => setSettings(false)} />
    </div>
  );
}

function NavLink({ to, icon, label, count, active, onClick }: { to: string; icon: IconName; label: string; count?: number | null; active: boolean; onClick?: () => void }) {
  return (
    <a
      href={href(to)}
      className={active ? 'nav-link active' : 'nav-link'}
      aria-current={active ? 'page' : undefined}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        onClick?.();
        navigate(to);
      }}
    >
      <Icon name={icon} />
      <span className="nav-label">{label}</span>
      {count != null && <span className="nav-count">{count}</span>}
    </a>
  );
}

function Sidebar({ path, onHelp, onSettings }: { path: string; onHelp: () => void; onSettings: () => void }) {
  const c = useConsole();
  // Until two-factor sign-in is on (the desk requires it), the other screens would only be refused: not offered.
  const twoFactorRequired = useTwoFactorRequired();
  const inInbox = path === '/' || path.startsWith('/cases/');
  const view = (v: AssigneeView, icon: IconName, label: string, count: number | undefined) => (
    <NavLink to="/" icon={icon} label={label} count={c.counts ? count : null} active={inInbox && c.filters.view === v} onClick={() => c.setFilters({ view: v })} />
  );
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="sidebar-top">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          <span className="brand-name">Sapa</span>
        </div>
        <div className="me">
          <Avatar id={c.me.id} name={c.me.name} size={32} presence={c.myPresence} />
          <div className="me-text">
            <span className="me-name">{c.me.name}</span>
            <span className="me-role">{t(`role.${c.me.role as 'agent' | 'supervisor' | 'admin'}`)}</span>
          </div>
        </div>
        <fieldset className="presence-switch">
          <legend className="visually-hidden">{t('presence.label')}</legend>
          {(['online', 'away'] as const).map((s) => (
            <label key={s} className={c.myPresence === s ? 'checked' : ''}>
              <input type="radio" name="presence" value={s} checked={c.myPresence === s} onChange={() => c.setMyPresence(s)} />
              <span className={`presence-dot inline ${s}`} aria-hidden="true" />
              {t(`presence.${s}`)}
            </label>
          ))}
        </fieldset>
      </div>
      {!twoFactorRequired && (
        <div className="nav-section">
          <h2 className="nav-heading">{t('nav.inbox')}</h2>
          {view('mine', 'user', t('view.mine'), c.counts?.mine)}
          {view('unassigned', 'inbox', t('view.unassigned'), c.counts?.unassigned)}
          {view('all', 'layers', t('view.all'), c.counts?.all)}
          {view('assistant', 'zap', t('view.assistant'), c.counts?.assistant)}
          {view('atRisk', 'clock', t('view.atRisk'), undefined)}
          <NavLink to="/complaints" icon="note" label={t('nav.complaints')} active={path === '/complaints'} />
          <NavLink to="/callbacks" icon="phone" label={t('nav.callbacks')} active={path === '/callbacks'} />
        </div>
      )}
      {c.isSupervisor && !twoFactorRequired && (
        <div className="nav-section">
          <h2 className="nav-heading">{t('nav.manage')}</h2>
          <NavLink to="/overview" icon="chart" label={t('nav.overview')} active={path === '/overview'} />
          <NavLink to="/satisfaction" icon="smile" label={t('nav.satisfaction')} active={path === '/satisfaction'} />
          <NavLink to="/sla" icon="clock" label={t('nav.sla')} active={path === '/sla'} />
          <NavLink to="/routing" icon="userPlus" label={t('nav.routing')} active={path === '/routing'} />
          <NavLink to="/admin/agents" icon="users" label={t('nav.agents')} active={path === '/admin/agents'} />
          <NavLink to="/admin/teams" icon="layers" label={t('nav.teams')} active={path === '/admin/teams'} />
          <NavLink to="/admin/canned" icon="zap" label={t('nav.canned')} active={path === '/admin/canned'} />
          <NavLink to="/admin/channels" icon="globe" label={t('nav.channels')} active={path === '/admin/channels'} />
          <NavLink to="/admin/assistant" icon="forum" label={t('nav.assistant')} active={path === '/admin/assistant'} />
        </div>
      )}
      <div className="nav-section">
        <h2 className="nav-heading">{t('nav.account')}</h2>
        <NavLink to="/account/security" icon="lock" label={t('nav.security')} active={path === '/account/security'} />
      </div>
      <div className="sidebar-bottom">
        <ConnectionStatus />
        <div className="sidebar-actions">
          <button type="button" className="icon-button" onClick={onHelp} aria-label={t('nav.shortcuts')} title={t('nav.shortcuts')}>
            <Icon name="keyboard" />
          </button>
          <button type="button" className="icon-button" onClick={onSettings} aria-label={t('nav.settings')} title={t('nav.settings')}>
            <Icon name="settings" />
          </button>
          <button type="button" className="icon-button" onClick={() => void c.signOut()} aria-label={t('nav.signOut')} title={t('nav.signOut')}>
            <Icon name="logout" />
          </button>
        </div>
      </div>
    </nav>
  );
}

const connText: Record<
  ConnState,
  {
    label: 'conn.live' | 'conn.polling' | 'conn.reconnecting' | 'conn.offline' | 'conn.connecting' | 'conn.paused';
    hint: 'conn.liveHint' | 'conn.pollingHint' | 'conn.reconnectingHint' | 'conn.offlineHint' | 'conn.connectingHint' | 'conn.pausedHint';
  }
> = {
  live: { label: 'conn.live', hint: 'conn.liveHint' },
  polling: { label: 'conn.polling', hint: 'conn.pollingHint' },
  reconnecting: { label: 'conn.reconnecting', hint: 'conn.reconnectingHint' },
  offline: { label: 'conn.offline', hint: 'conn.offlineHint' },
  connecting: { label: 'conn.connecting', hint: 'conn.connectingHint' },
  paused: { label: 'conn.paused', hint: 'conn.pausedHint' },
};

export function ConnectionStatus() {
  const state = useConnState();
  const text = connText[state];
  return (
    <div className={`conn conn-${state}`} role="status" aria-live="polite" title={t(text.hint)} data-state={state}>
      <span className="conn-dot" aria-hidden="true" />
      <span className="conn-label">{t(text.label)}</span>
      <span className="visually-hidden">{t(text.hint)}</span>
    </div>
  );
}

const shortcutRows: { action: Action; label: 'help.next' | 'help.prev' | 'help.select' | 'help.reply' | 'help.note' | 'help.resolve' | 'help.assignMe' | 'help.canned' | 'help.search' | 'help.help' }[] = [
  { action: 'next', label: 'help.next' },
  { action: 'prev', label: 'help.prev' },
  { action: 'select', label: 'help.select' },
  { action: 'reply', label: 'help.reply' },
  { action: 'note', label: 'help.note' },
  { action: 'resolve', label: 'help.resolve' },
  { action: 'assignMe', label: 'help.assignMe' },
  { action: 'canned', label: 'help.canned' },
  { action: 'search', label: 'help.search' },
  { action: 'help', label: 'help.help' },
];

function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title={t('help.title')}>
      <table className="shortcut-table">
        <tbody>
          {shortcutRows.map((r) => (
            <tr key={r.action}>
              <td>
                <Kbd>{keyOf[r.action]}</Kbd>
              </td>
              <td>{t(r.label)}</td>
            </tr>
          ))}
          <tr>
            <td>
              <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd>
            </td>
            <td>{t('help.send')}</td>
          </tr>
          <tr>
            <td>
              <Kbd>Esc</Kbd>
            </td>
            <td>{t('help.escape')}</td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}

function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const c = useConsole();
  const locale = useLocale();
  const [permission, setPermission] = useState(desktopPermission());
  const save = (patch: Parameters<typeof c.savePrefs>[0]) => c.savePrefs(patch).catch((e: Error) => toast(e.message, 'error'));
  return (
    <Dialog open={open} onClose={onClose} title={t('settings.title')}>
      <div className="settings">
        <label className="field">
          <span>{t('settings.language')}</span>
          <select value={locale} onChange={(e) => void save({ locale: e.target.value as Locale })}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {languageNames[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={c.prefs.sound} onChange={(e) => void save({ sound: e.target.checked })} />
          <span>
            {t('settings.sound')}
            <small className="muted">{t('settings.soundHelp')}</small>
          </span>
        </label>
        <button type="button" className="button ghost small" onClick={beep}>
          <Icon name="bell" size={14} /> {t('settings.testSound')}
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={c.prefs.desktopNotifications}
            onChange={async (e) => {
              const on = e.target.checked;
              if (on) setPermission(await askDesktopPermission());
              void save({ desktopNotifications: on });
            }}
          />
          <span>
            {t('settings.desktop')}
            <small className="muted">
              {permission === 'denied' ? t('settings.desktopDenied') : permission === 'unsupported' ? t('settings.desktopUnsupported') : t('settings.desktopHelp')}
            </small>
          </span>
        </label>
      </div>
    </Dialog>
  );
}

/**
 * The sound and the desktop notification, as my settings say, unless I am looking at that very case right now; once
 * for an event (`key`) however many console tabs I have open. A tab that can neither beep (no click yet) nor notify
 * leaves the event to the others; the tab showing the case claims it first and stays quiet for all.
 */
function ring(prefs: Preferences, caseId: string, title: string, body: string, key: string): void {
  const shown = document.visibilityState === 'visible';
  const viewing = shown && caseIdOf(location.pathname.replace(/^\/agent/, '') || '/') === caseId;
  const sound = prefs.sound && canBeep();
  const desktop = prefs.desktopNotifications && canNotifyDesktop();
  if (!viewing && !sound && !desktop) return;
  inOneTab(key, viewing ? 0 : shown ? 1 : 2, () => {
    if (viewing) return;
    if (sound) beep();
    if (desktop) desktopNotify(title, body, caseId, () => navigate(`/cases/${caseId}`));
  });
}

/**
 * A customer wrote on a case assigned to me: beep and a desktop notification (per my settings), unless I am looking
 * at that very case right now. Live messages come from the socket; while polling, the inbox reports new activity.
 */
function useNewMessageAlerts() {
  const c = useConsole();
  const state = useRef(c);
  state.current = c;
  const assignees = useRef(new Map<string, string | null>());
  const seen = useRef(new Set<string>());

  useEffect(() => {
    const remember = (k: CaseView) => assignees.current.set(k.id, k.assigneeId);
    const alert = (caseId: string, title: string, body: string, key: string) => {
      if (seen.current.has(key)) return;
      seen.current.add(key);
      ring(state.current.prefs, caseId, title, body, key);
    };
    const onMessage = async (m: MessageView) => {
      if (m.internal || (m.author.kind !== 'customer' && m.author.kind !== 'visitor')) return;
      let assignee = assignees.current.get(m.caseId);
      if (assignee === undefined) {
        const k = await api.get<CaseView>(`/cases/${m.caseId}`).catch(() => null);
        if (!k) return;
        remember(k);
        assignee = k.assigneeId;
      }
      if (assignee !== state.current.me.id) return;
      alert(m.caseId, t('notify.newMessage'), m.body, `${m.caseId}:${m.seq}`);
    };
    const offs = [
      live.on('case:created', (e) => remember(e.case)),
      live.on('case:updated', (e) => remember(e.case)),
      live.on('message', (m) => void onMessage(m)),
    ];
    const onPolled = (e: Event) => {
      const detail = (e as CustomEvent<{ caseId: string; reference: string; subject: string | null; at: string; assigneeId: string | null }>).detail;
      assignees.current.set(detail.caseId, detail.assigneeId);
      if (detail.assigneeId === state.current.me.id) alert(detail.caseId, t('notify.newMessage'), `${detail.reference} · ${detail.subject ?? ''}`, `${detail.caseId}:${detail.at}`);
    };
    window.addEventListener('sapa:customer-wrote', onPolled);
    return () => {
      offs.forEach((off) => off());
      window.removeEventListener('sapa:customer-wrote', onPolled);
    };
  }, []);
}

/**
 * A case was given to me, by routing or by a colleague (`case:updated` with `assigned`; while polling, the inbox reports
 * it): a toast with a link to it, once per assignment, and the sound and desktop notification as for a new message.
 * Not when I took it myself: from this console the console knows, from elsewhere (another tab, the API) the case's
 * history names who made the change.
 */
function useAssignmentAlerts() {
  const c = useConsole();
  const state = useRef(c);
  state.current = c;
  useEffect(() => {
    const tell = async (e: AssignmentChange & { case: CaseView; actor?: { kind: string; id: string | null } }) => {
      const { me, assignments } = state.current;
      if (!assignments.consider(e)) return;
      const k = e.case;
      if (e.actor) {
        // The live event names who assigned it: another tab of mine, or the API with my token, is no news.
        if (e.actor.kind === 'agent' && e.actor.id === me.id) return;
      } else {
        // Found by polling, which does not say who: the case's history does. Unread (the request failed), it is told:
        // better once too often than an assignment nobody hears of.
        const history = await api.get<{ items: HistoryItem[] }>(`/cases/${k.id}/history`).catch(() => null);
        if (history && assignedBySelf(history.items, me.id)) return;
      }
      const open = () => navigate(`/cases/${k.id}`);
      toast(t('notify.assigned', { ref: k.reference }), 'info', { link: { text: t('notify.openCase'), href: href(`/cases/${k.id}`), onFollow: open } });
      ring(state.current.prefs, k.id, t('notify.assignedTitle'), `${k.reference} · ${k.subject ?? ''}`, `assigned:${k.id}:${k.updatedAt}`);
    };
    const off = live.on('case:updated', (e) => void tell(e));
    // A change of assignee polling found, to me or away from me (so that a case given back later is news again).
    const onPolled = (e: Event) => void tell({ case: (e as CustomEvent<CaseView>).detail, changes: ['assigned'] });
    window.addEventListener('sapa:assignee-polled', onPolled);
    return () => {
      off();
      window.removeEventListener('sapa:assignee-polled', onPolled);
    };
  }, []);
}

/**
 * A case missed a service-level target (the sweep records it once, as `case:updated` with `sla_breached`): a toast
 * naming it, which opens it. Agents hear about their own cases and unassigned ones; supervisors and admins about all.
 */
function useSlaBreachAlerts() {
  const c = useConsole();
  const state = useRef(c);
  state.current = c;
  const told = useRef(new Map<string, number>());
  useEffect(
    () =>
      live.on('case:updated', (e) => {
        if (!e.changes.includes('sla_breached')) return;
        const { me, isSupervisor } = state.current;
        const k = e.case;
        if (!isSupervisor && k.assigneeId && k.assigneeId !== me.id) return;
        // One toast for a case's targets missed together (first response and resolution in one sweep).
        const now = Date.now();
        if (now - (told.current.get(k.id) ?? 0) < 30_000) return;
        told.current.set(k.id, now);
        toast(t('notify.slaBreached', { ref: k.reference }), 'warn', { onClick: () => navigate(`/cases/${k.id}`) });
      }),
    [],
  );
}
