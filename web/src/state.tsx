import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTwoFactorRequired } from './account/gate';
import { api, setCsrf } from './api';
import { loadLocale, toLocale } from './i18n';
import { live, useConnState } from './live';
import { AssignmentNotices } from './routing';
import type { Agent, Counts, Locale, Preferences, PresenceStatus, Team, User } from './types';

/** The queue by assignee, the conversations the assistant is still answering alone, or the cases at risk of missing a target. */
export type AssigneeView = 'mine' | 'unassigned' | 'all' | 'assistant' | 'atRisk';
export type StatusFilter = 'active' | 'open' | 'pending' | 'resolved' | 'closed' | 'any';
export interface Filters {
  view: AssigneeView;
  status: StatusFilter;
  channel: string;
  category: string;
  language: string;
  sort: 'recent' | 'waiting' | 'created';
  q: string;
}
export const defaultFilters: Filters = { view: 'all', status: 'active', channel: '', category: '', language: '', sort: 'recent', q: '' };
const FILTERS_KEY = 'sapa.console.filters';

function savedFilters(): Filters {
  try {
    const raw = sessionStorage.getItem(FILTERS_KEY);
    return raw ? { ...defaultFilters, ...(JSON.parse(raw) as Partial<Filters>) } : defaultFilters;
  } catch {
    return defaultFilters;
  }
}

export interface ConsoleState {
  me: User;
  isSupervisor: boolean;
  isAdmin: boolean;
  prefs: Preferences;
  savePrefs(patch: Partial<Preferences>): Promise<void>;
  agents: Agent[];
  agentName(id: string | null | undefined): string | null;
  reloadAgents(): Promise<void>;
  teams: Team[];
  reloadTeams(): Promise<void>;
  presence: Record<string, PresenceStatus>;
  myPresence: 'online' | 'away';
  setMyPresence(status: 'online' | 'away'): void;
  counts: Counts | null;
  refreshCounts(): void;
  filters: Filters;
  setFilters(patch: Partial<Filters>): void;
  /** Case ids in the order the inbox shows them (for j/k). */
  caseOrder: React.MutableRefObject<string[]>;
  /** Which assignments to me are news (routing's, a colleague's) and which this console made itself. */
  assignments: AssignmentNotices;
  signOut(): Promise<void>;
}

const Ctx = createContext<ConsoleState | null>(null);

export function useConsole(): ConsoleState {
  const c = useContext(Ctx);
  if (!c) throw new Error('useConsole outside ConsoleProvider');
  return c;
}

const HEARTBEAT_MS = 25_000;

export function ConsoleProvider({ me, onSignedOut, children }: { me: User; onSignedOut: () => void; children: ReactNode }) {
  const [prefs, setPrefs] = useState<Preferences>({ sound: true, desktopNotifications: true, locale: toLocale(me.locale) ?? 'en' });
  const [agents, setAgents] = useState<Agent[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [presence, setPresence] = useState<Record<string, PresenceStatus>>({});
  const [myPresence, setMyPresenceState] = useState<'online' | 'away'>(() => (sessionStorage.getItem('sapa.console.presence') === 'away' ? 'away' : 'online'));
  const [counts, setCounts] = useState<Counts | null>(null);
  const [filters, setFiltersState] = useState<Filters>(savedFilters);
  const caseOrder = useRef<string[]>([]);
  const [assignments] = useState(() => new AssignmentNotices(me.id));
  const conn = useConnState();
  // Until two-factor sign-in is on (the desk requires it), every poll would only be refused: none are sent.
  const twoFactorRequired = useTwoFactorRequired();
  const isSupervisor = me.role === 'supervisor' || me.role === 'admin';
  const isAdmin = me.role === 'admin';

  const reloadAgents = useCallback(async () => {
    const r = await api.get<{ items: Agent[] }>('/agents');
    setAgents(r.items);
  }, []);
  const reloadTeams = useCallback(async () => {
    const r = await api.get<{ items: Team[] }>('/teams');
    setTeams(r.items);
  }, []);
  const loadPresence = useCallback(async () => {
    const r = await api.get<{ items: { agentId: string; status: PresenceStatus }[] }>('/console/presence');
    setPresence(Object.fromEntries(r.items.map((p) => [p.agentId, p.status])));
  }, []);

  const countsTimer = useRef<number | undefined>(undefined);
  const refreshCounts = useCallback(() => {
    // Many events can arrive together (a burst of new cases): one request for all of them.
    clearTimeout(countsTimer.current);
    countsTimer.current = window.setTimeout(() => {
      api.get<Counts>('/console/counts').then(setCounts, () => undefined);
    }, 150);
  }, []);

  useEffect(() => {
    void api.get<Preferences>('/console/preferences').then(setPrefs, () => undefined);
    void reloadAgents().catch(() => undefined);
    void reloadTeams().catch(() => undefined);
    void loadPresence().catch(() => undefined);
    refreshCounts();
  }, [reloadAgents, reloadTeams, loadPresence, refreshCounts]);

  // Counts and presence: pushed while live (plus a slow safety refresh), polled otherwise.
  useEffect(() => {
    if (twoFactorRequired) return;
    const every = conn === 'live' ? 30_000 : 6_000;
    const timer = setInterval(() => {
      refreshCounts();
      void loadPresence().catch(() => undefined);
    }, every);
    return () => clearInterval(timer);
  }, [conn, twoFactorRequired, refreshCounts, loadPresence]);

  useEffect(() => {
    const offs = [
      live.on('case:created', refreshCounts),
      live.on('case:updated', refreshCounts),
      live.on('resync', () => {
        refreshCounts();
        void loadPresence().catch(() => undefined);
      }),
      live.on('presence', (p) => setPresence((prev) => ({ ...prev, [p.agentId]: p.status }))),
      live.on('presence:list', (list) => setPresence((prev) => ({ ...prev, ...Object.fromEntries(list.map((p) => [p.agentId, p.status])) }))),
    ];
    return () => offs.forEach((off) => off());
  }, [refreshCounts, loadPresence]);

  // My presence: told to the realtime server and, as a heartbeat, to the console API (the queue overview reads it).
  useEffect(() => {
    sessionStorage.setItem('sapa.console.presence', myPresence);
    live.setPresence(myPresence);
    if (twoFactorRequired) return;
    const beat = () => void api.put('/console/presence', { status: myPresence }).catch(() => undefined);
    beat();
    setPresence((prev) => ({ ...prev, [me.id]: myPresence }));
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [myPresence, me.id, twoFactorRequired]);

  const savePrefs = useCallback(async (patch: Partial<Preferences>) => {
    const next = await api.put<Preferences>('/console/preferences', patch);
    setPrefs(next);
    if (patch.locale) await loadLocale(next.locale);
  }, []);

  const setFilters = useCallback((patch: Partial<Filters>) => {
    setFiltersState((prev) => {
      const next = { ...prev, ...patch };
      sessionStorage.setItem(FILTERS_KEY, JSON.stringify(next));
      return next;
    });
  }, []);

  const signOut = useCallback(async () => {
    await api.delete('/console/presence').catch(() => undefined);
    await api.post('/auth/logout').catch(() => undefined);
    setCsrf(null);
    onSignedOut();
  }, [onSignedOut]);

  const value = useMemo<ConsoleState>(() => {
    const names = new Map(agents.map((a) => [a.id, a.name]));
    return {
      me,
      isSupervisor,
      isAdmin,
      prefs,
      savePrefs,
      agents,
      agentName: (id) => (id ? (names.get(id) ?? null) : null),
      reloadAgents,
      teams,
      reloadTeams,
      presence,
      myPresence,
      setMyPresence: setMyPresenceState,
      counts,
      refreshCounts,
      filters,
      setFilters,
      caseOrder,
      assignments,
      signOut,
    };
  }, [me, isSupervisor, isAdmin, prefs, savePrefs, agents, reloadAgents, teams, reloadTeams, presence, myPresence, counts, refreshCounts, filters, setFilters, assignments, signOut]);

  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export type { Locale };
