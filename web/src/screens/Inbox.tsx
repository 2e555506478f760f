import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, query } from '../api';
import { headerState, noSelection, prune, toggle, toggleAllShown, type Selection } from '../bulk';
import { channelIcon, Icon } from '../components/Icon';
import { SlaChipView, useCaseSlas } from '../components/Sla';
import { Avatar, Empty, Kbd, NotLoaded, Spinner, useNow } from '../components/ui';
import { shortAge, time } from '../format';
import { t, useLocale } from '../i18n';
import { live, useConnState } from '../live';
import { href, navigate } from '../router';
import { useShortcut } from '../shortcuts';
import { useConsole, type Filters } from '../state';
import { categories, categoryLabel, channelLabel, languageLabel, statusLabel } from '../taxonomy';
import { channels, type CaseSla, type CaseStatus, type CaseView, type InboxCase, type MessageView, type Page } from '../types';
import { AtRiskList } from './AtRisk';
import { BulkBar } from './BulkBar';

const CaseScreen = lazy(() => import('../case/CaseView'));

const PAGE = 30;
/** While the socket is not live, the list refreshes this often. */
const POLL_MS = 4000;
/** Data older than this, without a live connection, is labelled as possibly out of date. */
const STALE_MS = 15_000;

const statusesOf = (f: Filters['status']): CaseStatus[] | null =>
  f === 'active' ? ['open', 'pending'] : f === 'any' ? null : [f];

function apiQuery(f: Filters, limit: number, cursor?: string) {
  return query({
    status: statusesOf(f.status) ?? undefined,
    channel: f.channel || undefined,
    category: f.category || undefined,
    language: f.language || undefined,
    assignee: f.view === 'mine' ? 'me' : f.view === 'unassigned' ? 'unassigned' : undefined,
    holder: f.view === 'assistant' ? 'assistant' : 'people',
    q: f.q.trim() || undefined,
    sort: f.sort,
    limit,
    cursor,
  });
}

/** Whether a case belongs in the list as filtered; null when only the server can tell (a text search). */
function matches(c: CaseView, f: Filters, me: string): boolean | null {
  const statuses = statusesOf(f.status);
  if (statuses && !statuses.includes(c.status)) return false;
  if (f.channel && c.channel !== f.channel) return false;
  if (f.category && c.category !== f.category) return false;
  if (f.language && c.language !== f.language) return false;
  if (f.view === 'mine' && c.assigneeId !== me) return false;
  if (f.view === 'unassigned' && c.assigneeId) return false;
  if ((f.view === 'assistant') !== c.withAssistant) return false;
  return f.q.trim() ? null : true;
}

function sortCases(items: InboxCase[], sort: Filters['sort']): InboxCase[] {
  const key = (c: InboxCase) => (sort === 'waiting' ? -Date.parse(c.waitingSince ?? c.lastMessageAt) : sort === 'created' ? Date.parse(c.createdAt) : Date.parse(c.lastMessageAt));
  return [...items].sort((a, b) => key(b) - key(a));
}

export function Inbox({ selectedId }: { selectedId: string | null }) {
  const c = useConsole();
  const { filters, setFilters, me } = c;
  const locale = useLocale();
  const conn = useConnState();
  const now = useNow(5_000);
  const [items, setItems] = useState<InboxCase[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [lastSync, setLastSync] = useState<number | null>(null);
  const [search, setSearch] = useState(filters.q);
  const searchRef = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  const loaded = useRef(PAGE);
  const lastActivity = useRef(new Map<string, string>());
  const lastAssignee = useRef(new Map<string, string | null>());

  // Report what polling found (the socket reports it itself when live): customers' new messages on my cases, and cases
  // whose assignee changed since the list last showed them (the shell tells me of those that became mine).
  const notePolled = useCallback(
    (list: InboxCase[]) => {
      const previous = lastActivity.current;
      for (const k of list) {
        const before = previous.get(k.id);
        if (before && before !== k.lastMessageAt && k.waitingSince && Date.parse(k.waitingSince) >= Date.parse(before) && !live.isLive) {
          window.dispatchEvent(new CustomEvent('sapa:customer-wrote', { detail: { caseId: k.id, reference: k.reference, subject: k.subject, at: k.lastMessageAt, assigneeId: k.assigneeId } }));
        }
        previous.set(k.id, k.lastMessageAt);
        const held = lastAssignee.current.get(k.id);
        if (held !== undefined && held !== k.assigneeId && !live.isLive) window.dispatchEvent(new CustomEvent<CaseView>('sapa:assignee-polled', { detail: k }));
        lastAssignee.current.set(k.id, k.assigneeId);
      }
    },
    [],
  );

  /** Fetches the first page again (as many rows as are shown); answers that arrive out of order are dropped. */
  const reload = useCallback(
    async (reset = false) => {
      const mine = ++seq.current;
      // The "At risk" view lists what the SLA module says is due (AtRiskList), not the queue.
      if (filters.view === 'atRisk') {
        setLoading(false);
        return;
      }
      if (reset) {
        loaded.current = PAGE;
        setLoading(true);
      }
      try {
        const page = await api.get<Page<InboxCase>>(`/console/inbox${apiQuery(filters, Math.min(100, Math.max(PAGE, loaded.current)))}`);
        if (mine !== seq.current) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setError(null);
        setLastSync(Date.now());
        notePolled(page.items);
      } catch (err) {
        if (mine !== seq.current) return;
        setError(err instanceof ApiError ? err.message : String(err));
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [filters, notePolled],
  );

  useEffect(() => {
    void reload(true);
  }, [reload]);

  const more = async () => {
    if (!nextCursor) return;
    const page = await api.get<Page<InboxCase>>(`/console/inbox${apiQuery(filters, PAGE, nextCursor)}`).catch(() => null);
    if (!page) return;
    setItems((prev) => [...prev, ...page.items.filter((x) => !prev.some((p) => p.id === x.id))]);
    setNextCursor(page.nextCursor);
    loaded.current += page.items.length;
  };

  // Pushes: apply what we can at once, then confirm with the server shortly after (names, teams, ordering).
  const confirmTimer = useRef<number | undefined>(undefined);
  const confirmSoon = useCallback(
    (ms = 800) => {
      clearTimeout(confirmTimer.current);
      confirmTimer.current = window.setTimeout(() => void reload(), ms);
    },
    [reload],
  );
  useEffect(() => {
    const upsert = (k: CaseView) => {
      const fit = matches(k, filters, me.id);
      if (fit === null) return confirmSoon(300);
      setItems((prev) => {
        const at = prev.findIndex((x) => x.id === k.id);
        if (!fit) return at >= 0 && k.id !== selectedId ? prev.filter((x) => x.id !== k.id) : at >= 0 ? prev.map((x) => (x.id === k.id ? { ...x, ...k } : x)) : prev;
        const merged: InboxCase = at >= 0 ? { ...prev[at], ...k } : { ...k, customerName: null, teamId: null };
        return sortCases(at >= 0 ? prev.map((x) => (x.id === k.id ? merged : x)) : [merged, ...prev], filters.sort);
      });
      setLastSync(Date.now());
      confirmSoon();
    };
    const onMessage = (m: MessageView) => {
      setItems((prev) => {
        const at = prev.findIndex((x) => x.id === m.caseId);
        if (at < 0 || m.internal) return prev;
        const k = prev[at];
        const fromCustomer = m.author.kind === 'customer' || m.author.kind === 'visitor';
        const fromAgent = m.author.kind === 'agent';
        const next = { ...k, lastMessageAt: m.createdAt, messageCount: Math.max(k.messageCount, m.seq), waitingSince: fromCustomer ? (k.waitingSince ?? m.createdAt) : fromAgent ? null : k.waitingSince };
        return sortCases(prev.map((x) => (x.id === k.id ? next : x)), filters.sort);
      });
      confirmSoon(1500);
    };
    const offs = [
      live.on('case:created', (e) => upsert(e.case)),
      live.on('case:updated', (e) => upsert(e.case)),
      live.on('message', onMessage),
      live.on('resync', () => void reload()),
    ];
    return () => offs.forEach((off) => off());
  }, [filters, me.id, selectedId, reload, confirmSoon]);

  // Not live: poll. Live: a slow safety refresh in case a push was lost.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' || conn !== 'live') void reload();
    }, conn === 'live' ? 60_000 : POLL_MS);
    return () => clearInterval(timer);
  }, [conn, reload]);

  // Back on screen after a while: refresh before anyone trusts the list.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  // Debounced search.
  useEffect(() => {
    if (search === filters.q) return;
    const timer = setTimeout(() => setFilters({ q: search }), 300);
    return () => clearTimeout(timer);
  }, [search, filters.q, setFilters]);

  const atRisk = filters.view === 'atRisk';
  const order = useMemo(() => items.map((x) => x.id), [items]);
  c.caseOrder.current = order;
  const slas = useCaseSlas(atRisk ? [] : order);
  const step = (d: 1 | -1) => {
    const order = c.caseOrder.current;
    if (!order.length) return;
    const at = selectedId ? order.indexOf(selectedId) : -1;
    const next = order[Math.min(order.length - 1, Math.max(0, at + d))];
    if (next) navigate(`/cases/${next}`);
  };
  useShortcut('next', () => step(1));
  useShortcut('prev', () => step(-1));
  useShortcut('search', () => searchRef.current?.focus());

  // Cases ticked for bulk actions. Whatever leaves the list (merged, resolved elsewhere, another view) leaves the
  // selection with it, quietly.
  const [selection, setSelection] = useState<Selection>(noSelection);
  useEffect(() => setSelection((s) => prune(s, atRisk ? [] : order)), [order, atRisk]);
  const toggleCase = useCallback((id: string) => setSelection((s) => toggle(s, id)), []);
  // `x`: the row that has the focus, else the case that is open.
  useShortcut('select', () => {
    const row = document.activeElement?.closest<HTMLElement>('li[data-case-id]');
    const id = row?.dataset.caseId ?? selectedId;
    if (id && c.caseOrder.current.includes(id)) toggleCase(id);
  });
  useShortcut('clearSelection', selection.size ? () => setSelection(noSelection) : null);
  const allShown = headerState(selection, order);
  const references = useMemo(() => new Map(items.map((x) => [x.id, x.reference])), [items]);

  // Keep the selected row in view when j/k moves past the edge.
  useEffect(() => {
    if (!selectedId) return;
    document.getElementById(`case-row-${selectedId}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  // Before the first answer there is nothing to call stale (the spinner shows); after it, age decides.
  const stale = conn === 'offline' || (conn !== 'live' && lastSync !== null && now - lastSync > STALE_MS) || (error !== null && items.length > 0);
  const viewTitle = filters.view === 'mine' ? t('view.mine') : filters.view === 'unassigned' ? t('view.unassigned') : filters.view === 'assistant' ? t('view.assistant') : t('view.all');
  const filtered = filters.status !== 'active' || filters.channel || filters.category || filters.language || filters.q;

  return (
    <div className={selectedId ? 'inbox has-case' : 'inbox'}>
      {atRisk ? (
        <AtRiskList selectedId={selectedId} now={now} />
      ) : (
      <section className="list-pane" aria-labelledby="inbox-title">
        {selection.size > 0 && (
          <BulkBar
            ids={order.filter((id) => selection.has(id))}
            referenceOf={(id) => references.get(id)}
            onSelection={setSelection}
            onDone={() => {
              void reload();
              c.refreshCounts();
            }}
          />
        )}
        <header className="list-head">
          <div className="list-title-row">
            {items.length > 0 && (
              <input
                type="checkbox"
                className="case-check"
                aria-label={t('bulk.selectAll')}
                title={t('bulk.selectAll')}
                checked={allShown === 'all'}
                ref={(el) => {
                  if (el) el.indeterminate = allShown === 'some';
                }}
                onChange={() => setSelection((s) => toggleAllShown(s, order))}
              />
            )}
            <h1 id="inbox-title">{viewTitle}</h1>
            <span className="list-count" aria-label={t('inbox.shownCount', { n: items.length })}>
              {items.length}
              {nextCursor ? '+' : ''}
            </span>
            {c.counts && c.counts.waiting > 0 && filters.sort !== 'waiting' && (
              <button type="button" className="chip warn" onClick={() => setFilters({ sort: 'waiting' })} title={t('sort.waiting')}>
                <Icon name="clock" size={12} /> {t('inbox.waitingChip', { n: c.counts.waiting })}
              </button>
            )}
            <select className="sort-select" aria-label={t('filter.sort')} title={t('filter.sort')} value={filters.sort} onChange={(e) => setFilters({ sort: e.target.value as Filters['sort'] })}>
              <option value="recent">{t('sort.recent')}</option>
              <option value="waiting">{t('sort.waiting')}</option>
              <option value="created">{t('sort.created')}</option>
            </select>
          </div>
          <div className="search">
            <Icon name="search" size={14} />
            <input
              ref={searchRef}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
              }}
              placeholder={t('inbox.searchPlaceholder')}
              aria-label={t('inbox.search')}
            />
          </div>
          <div className="filters">
            <FilterSelect label={t('filter.status')} value={filters.status} onChange={(v) => setFilters({ status: v as Filters['status'] })}>
              <option value="active">{t('filter.active')}</option>
              {(['open', 'pending', 'resolved', 'closed'] as const).map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
              <option value="any">{t('filter.anyStatus')}</option>
            </FilterSelect>
            <FilterSelect label={t('filter.channel')} value={filters.channel} onChange={(v) => setFilters({ channel: v })}>
              <option value="">{t('filter.anyChannel')}</option>
              {channels.map((ch) => (
                <option key={ch} value={ch}>
                  {channelLabel(ch)}
                </option>
              ))}
            </FilterSelect>
            <FilterSelect label={t('filter.category')} value={filters.category} onChange={(v) => setFilters({ category: v })}>
              <option value="">{t('filter.anyCategory')}</option>
              {categories.map((k) => (
                <option key={k} value={k}>
                  {categoryLabel(k)}
                </option>
              ))}
            </FilterSelect>
            <FilterSelect label={t('filter.language')} value={filters.language} onChange={(v) => setFilters({ language: v })}>
              <option value="">{t('filter.anyLanguage')}</option>
              {(['zh-CN', 'id-ID', 'en'] as const).map((l) => (
                <option key={l} value={l}>
                  {languageLabel(l)}
                </option>
              ))}
            </FilterSelect>
            {filtered && (
              <button
                type="button"
                className="button ghost small"
                onClick={() => {
                  setSearch('');
                  setFilters({ status: 'active', channel: '', category: '', language: '', q: '' });
                }}
              >
                {t('filter.clear')}
              </button>
            )}
          </div>
        </header>
        {stale && (
          <div className="stale-banner" role="status">
            <Icon name={conn === 'offline' ? 'wifiOff' : 'refresh'} size={14} />
            <span>
              {t('inbox.stale')}
              {lastSync ? ` · ${t('inbox.updatedAt', { time: time(new Date(lastSync).toISOString(), locale) })}` : ''}
            </span>
            <button type="button" className="button ghost small" onClick={() => void reload()}>
              {t('inbox.refresh')}
            </button>
          </div>
        )}
        <div className={stale ? 'case-list stale' : 'case-list'} aria-busy={loading}>
          {!items.length && (loading || error) ? (
            <NotLoaded error={loading ? null : error} failedTitle={t('inbox.loadFailed')} onRetry={() => void reload(true)} />
          ) : !items.length ? (
            <Empty icon="inbox" title={filtered ? t('inbox.noMatches') : t('inbox.empty')} />
          ) : (
            <ul className="rows" aria-label={viewTitle}>
              {items.map((k) => (
                <CaseRow key={k.id} k={k} sla={slas.get(k.id)} selected={k.id === selectedId} checked={selection.has(k.id)} onCheck={toggleCase} now={now} locale={locale} />
              ))}
            </ul>
          )}
          {nextCursor && items.length > 0 && (
            <button type="button" className="button ghost block load-more" onClick={() => void more()}>
              {t('inbox.loadMore')}
            </button>
          )}
        </div>
      </section>
      )}
      <section className="case-pane" aria-label={t('case.pane')}>
        {selectedId ? (
          <Suspense
            fallback={
              <div className="pane-loading">
                <Spinner />
              </div>
            }
          >
            <CaseScreen key={selectedId} caseId={selectedId} />
          </Suspense>
        ) : (
          <Empty icon="inbox" title={t('case.noneSelected')}>
            <p className="muted">{t('case.noneSelectedHint')}</p>
            <div className="empty-shortcuts">
              <span>
                <Kbd>j</Kbd> <Kbd>k</Kbd>
              </span>
              <span>{t('help.next')} / {t('help.prev')}</span>
              <span>
                <Kbd>r</Kbd>
              </span>
              <span>{t('help.reply')}</span>
              <span>
                <Kbd>/</Kbd>
              </span>
              <span>{t('help.canned')}</span>
              <span>
                <Kbd>?</Kbd>
              </span>
              <span>{t('help.help')}</span>
            </div>
          </Empty>
        )}
      </section>
    </div>
  );
}

function FilterSelect({ label, value, onChange, children }: { label: string; value: string; onChange: (v: string) => void; children: React.ReactNode }) {
  return (
    <select className={value && value !== 'active' && value !== 'recent' ? 'filter set' : 'filter'} aria-label={label} title={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {children}
    </select>
  );
}

function CaseRow({ k, sla, selected, checked, onCheck, now, locale }: { k: InboxCase; sla: CaseSla | undefined; selected: boolean; checked: boolean; onCheck: (id: string) => void; now: number; locale: string }) {
  const c = useConsole();
  const assignee = c.agentName(k.assigneeId);
  const customer = k.customerName ?? (k.visitorId ? t('case.visitor') : t('case.unknownCustomer'));
  const waiting = k.waitingSince !== null && (k.status === 'open' || k.status === 'pending');
  return (
    <li id={`case-row-${k.id}`} data-case-id={k.id} className={checked ? 'case-item checked' : 'case-item'}>
      {/* Beside the link, not in it: ticking a case never opens it. */}
      <input type="checkbox" className="case-check" checked={checked} onChange={() => onCheck(k.id)} aria-label={t('bulk.selectCase', { reference: k.reference })} />
      <a
        href={href(`/cases/${k.id}`)}
        className={`case-row${selected ? ' selected' : ''}${waiting ? ' waiting' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey) return;
          e.preventDefault();
          navigate(`/cases/${k.id}`);
        }}
      >
        <Avatar id={k.customerId ?? k.visitorId ?? k.id} name={k.customerName ?? '?'} size={32} />
        <div className="case-row-main">
          <div className="case-row-top">
            <span className="case-customer">{customer}</span>
            <span className="case-channel" title={channelLabel(k.channel)}>
              <Icon name={channelIcon[k.channel] ?? 'globe'} size={12} />
              <span className="visually-hidden">{channelLabel(k.channel)}</span>
            </span>
            <time className={waiting ? 'case-age waiting' : 'case-age'} dateTime={k.lastMessageAt} title={waiting ? t('inbox.waitingSince', { age: shortAge(k.waitingSince!, locale, now) }) : undefined}>
              {shortAge(waiting ? k.waitingSince! : k.lastMessageAt, locale, now)}
            </time>
          </div>
          <div className="case-subject">{k.subject || t('case.noSubject')}</div>
          <div className="case-row-meta">
            <span className="case-ref">{k.reference}</span>
            <span className={`pill status-${k.status}`}>{statusLabel(k.status)}</span>
            <SlaChipView sla={sla} now={now} />
            {k.priority === 'high' || k.priority === 'urgent' ? <span className={`pill priority-${k.priority}`}>{t(`priority.${k.priority}`)}</span> : null}
            {k.category !== 'other' && <span className="case-category">{categoryLabel(k.category)}</span>}
            {assignee ? (
              <span className="case-assignee" title={t('case.assignedTo', { name: assignee })}>
                <Avatar id={k.assigneeId!} name={assignee} size={18} />
                <span className="visually-hidden">{t('case.assignedTo', { name: assignee })}</span>
              </span>
            ) : null}
          </div>
        </div>
      </a>
    </li>
  );
}
