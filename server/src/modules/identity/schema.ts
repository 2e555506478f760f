import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    email: text('email'),
    phone: text('phone'),
    name: text('name').notNull(),
    locale: text('locale').notNull().default('en'),
    passwordHash: text('password_hash'),
    /** The wallet's own id for this person (`sub` of identity tokens, key for the wallet adapter). */
    walletRef: text('wallet_ref'),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The time step of the last app code accepted: a code is good once (RFC 6238 §5.2). */
    totpLastStep: integer('totp_last_step'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_email').on(t.email),
    uniqueIndex('customers_phone').on(t.phone),
    uniqueIndex('customers_wallet_ref').on(t.walletRef),
  ],
);

export const agents = pgTable(
  'agents',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['agent', 'supervisor', 'admin'] }).notNull().default('agent'),
    locale: text('locale').notNull().default('en'),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The time step of the last app code accepted: a code is good once (RFC 6238 §5.2). */
    totpLastStep: integer('totp_last_step'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agents_email').on(t.email)],
);

/** A browser or app install talking to Sapa through the widget; linked to a customer once identified. */
export const visitors = pgTable('visitors', {
  id: text('id').primaryKey(),
  customerId: text('customer_id').references(() => customers.id),
  device: jsonb('device'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Cookie sessions, widget sessions and agents' API tokens: one table, keyed by the SHA-256 of the secret so a
 * leaked database does not leak usable tokens.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['cookie', 'widget', 'api_token'] }).notNull(),
    principalKind: text('principal_kind', { enum: ['agent', 'customer', 'visitor'] }).notNull(),
    agentId: text('agent_id').references(() => agents.id),
    customerId: text('customer_id').references(() => customers.id),
    visitorId: text('visitor_id').references(() => visitors.id),
    csrfToken: text('csrf_token'),
    name: text('name'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_agent').on(t.agentId), index('sessions_customer').on(t.customerId)],
);

/** Failed sign-in counters per key (login+ip, ip, login) in fixed windows; shared by every node. */
export const loginFailures = pgTable('login_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Security-relevant activity shown to the account owner (sign-ins, password and 2FA changes). */
export const securityEvents = pgTable(
  'security_events',
  {
    id: text('id').primaryKey(),
    principalKind: text('principal_kind').notNull(),
    principalId: text('principal_id').notNull(),
    type: text('type').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('security_events_principal').on(t.principalKind, t.principalId, t.createdAt)],
);

/**
 * One-time codes that stand in for the authenticator app when it is lost (shown once when two-factor sign-in is
 * turned on); kept as SHA-256 digests, each good for one sign-in.
 */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: text('id').primaryKey(),
    principalKind: text('principal_kind', { enum: ['agent', 'customer'] }).notNull(),
    principalId: text('principal_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('recovery_codes_principal').on(t.principalKind, t.principalId), uniqueIndex('recovery_codes_hash').on(t.codeHash)],
);
