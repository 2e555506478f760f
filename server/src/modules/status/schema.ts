import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const componentStatuses = ['operational', 'degraded', 'partial_outage', 'major_outage', 'maintenance'] as const;
export type ComponentStatus = (typeof componentStatuses)[number];
export const incidentPhases = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentPhase = (typeof incidentPhases)[number];
export const incidentImpacts = ['none', 'minor', 'major', 'critical'] as const;
export type IncidentImpact = (typeof incidentImpacts)[number];
export const maintenanceStates = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export const monitorKinds = ['database', 'realtime', 'roundtrip', 'smtp', 'http'] as const;
export type MonitorKind = (typeof monitorKinds)[number];

/** Text in Sapa's three languages; `en` is the fallback. */
export type Localized = Partial<Record<'en' | 'id-ID' | 'zh-CN', string>>;

export const statusComponents = pgTable('status_components', {
  id: text('id').primaryKey(),
  group: text('group').notNull(),
  names: jsonb('names').$type<Localized>().notNull(),
  position: integer('position').notNull().default(0),
  /** The effective state: the override if any, else the worst of active incidents and maintenance. */
  status: text('status', { enum: componentStatuses }).notNull().default('operational'),
  /** A supervisor's manual state: wins over incidents and monitors until cleared. */
  overrideStatus: text('override_status', { enum: componentStatuses }),
  overrideNote: text('override_note'),
  overrideBy: text('override_by'),
  overrideAt: timestamp('override_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every change of a component's effective state: the source of the 90-day uptime bars. */
export const statusComponentChanges = pgTable(
  'status_component_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    componentId: text('component_id').notNull().references(() => statusComponents.id),
    status: text('status', { enum: componentStatuses }).notNull(),
    cause: text('cause'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('status_component_changes_at').on(t.componentId, t.at)],
);

export const statusIncidents = pgTable(
  'status_incidents',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    titles: jsonb('titles').$type<Localized>(),
    impact: text('impact', { enum: incidentImpacts }).notNull(),
    phase: text('phase', { enum: incidentPhases }).notNull().default('investigating'),
    /** Opened by a monitor rather than a person. */
    automatic: boolean('automatic').notNull().default(false),
    monitorId: text('monitor_id'),
    /** What the monitor saw (recent failed checks), so an automatic incident explains itself. */
    evidence: jsonb('evidence'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('status_incidents_phase').on(t.phase), index('status_incidents_created').on(t.createdAt)],
);

/** The state an incident currently declares for each component it affects. */
export const statusIncidentComponents = pgTable(
  'status_incident_components',
  {
    incidentId: text('incident_id').notNull().references(() => statusIncidents.id),
    componentId: text('component_id').notNull().references(() => statusComponents.id),
    status: text('status', { enum: componentStatuses }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.componentId] })],
);

export const statusIncidentUpdates = pgTable(
  'status_incident_updates',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id').notNull().references(() => statusIncidents.id),
    phase: text('phase', { enum: incidentPhases }).notNull(),
    message: text('message').notNull(),
    messages: jsonb('messages').$type<Localized>(),
    components: jsonb('components').$type<{ id: string; status: string }[]>(),
    /** False for an automatic flap inside the quiet window: recorded and shown, not sent to subscribers. */
    notified: boolean('notified').notNull().default(true),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('status_incident_updates_incident').on(t.incidentId, t.createdAt)],
);

export const statusMaintenances = pgTable(
  'status_maintenances',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    titles: jsonb('titles').$type<Localized>(),
    message: text('message').notNull(),
    messages: jsonb('messages').$type<Localized>(),
    components: text('components').array().notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    state: text('state', { enum: maintenanceStates }).notNull().default('scheduled'),
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('status_maintenances_state').on(t.state, t.startsAt)],
);

export const statusSubscriptions = pgTable(
  'status_subscriptions',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['email', 'webhook'] }).notNull(),
    email: text('email'),
    webhookUrl: text('webhook_url'),
    /** HMAC key of a webhook; shown to its creator once. */
    secret: text('secret'),
    /** Only these components (null: all). */
    components: text('components').array(),
    locale: text('locale').notNull().default('en'),
    /** Capability in the confirm and unsubscribe links. */
    token: text('token').notNull(),
    /** A supervisor's webhook may point inside the network; a stranger's may not. */
    allowPrivate: boolean('allow_private').notNull().default(false),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('status_subscriptions_token').on(t.token), index('status_subscriptions_email').on(t.email)],
);

export const statusMonitors = pgTable('status_monitors', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: monitorKinds }).notNull(),
  componentId: text('component_id').notNull().references(() => statusComponents.id),
  target: text('target'),
  /** Configured by Sapa itself (kept in step with the environment at start) rather than added by a supervisor. */
  builtin: boolean('builtin').notNull().default(false),
  paused: boolean('paused').notNull().default(false),
  failStatus: text('fail_status', { enum: componentStatuses }).notNull().default('partial_outage'),
  state: text('state', { enum: ['unknown', 'up', 'down'] }).notNull().default('unknown'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  consecutiveSuccesses: integer('consecutive_successes').notNull().default(0),
  lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
  lastOkAt: timestamp('last_ok_at', { withTimezone: true }),
  lastError: text('last_error'),
  lastLatencyMs: integer('last_latency_ms'),
  incidentId: text('incident_id'),
  lastIncidentAt: timestamp('last_incident_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per monitor per time slot: whichever node runs the slot, it counts once. */
export const statusMonitorChecks = pgTable(
  'status_monitor_checks',
  {
    monitorId: text('monitor_id').notNull().references(() => statusMonitors.id),
    slot: bigint('slot', { mode: 'number' }).notNull(),
    ok: boolean('ok').notNull(),
    skipped: boolean('skipped').notNull().default(false),
    latencyMs: integer('latency_ms'),
    detail: text('detail'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.slot] }), index('status_monitor_checks_at').on(t.at)],
);
