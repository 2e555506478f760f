import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from '../cases/schema.js';
import { agents } from '../identity/schema.js';

/** Groups of agents a case can be transferred to (Payments, Trust & Safety, …). */
export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('teams_name').on(t.name)]);

export const teamMembers = pgTable('team_members', {
  teamId: text('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  agentId: text('agent_id').notNull().references(() => agents.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.teamId, t.agentId] }), index('team_members_agent').on(t.agentId)]);

/**
 * The team a case is with. A table of our own rather than a column on cases: the cases module owns its table,
 * and a case has at most one team (the primary key says so).
 */
export const caseTeams = pgTable('case_teams', {
  caseId: text('case_id').primaryKey().references(() => cases.id),
  teamId: text('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  assignedBy: text('assigned_by'),
  assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('case_teams_team').on(t.teamId)]);

/** Saved replies; one text per locale, with {{customer.name}}, {{case.reference}}, {{agent.name}} filled in by the console. */
export const cannedResponses = pgTable('canned_responses', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  shortcut: text('shortcut').notNull(),
  /** { en?, 'id-ID'?, 'zh-CN'? }: at least one is present. */
  bodies: jsonb('bodies').$type<Record<string, string>>().notNull(),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('canned_responses_shortcut').on(t.shortcut)]);

export const agentPreferences = pgTable('agent_preferences', {
  agentId: text('agent_id').primaryKey().references(() => agents.id),
  sound: boolean('sound').notNull().default(true),
  desktopNotifications: boolean('desktop_notifications').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What an agent said about themselves (online / away) and when their console last checked in. Kept in the database,
 * not in memory, so every node answers the same "who is online" for the queue overview.
 */
export const agentPresence = pgTable('console_presence', {
  agentId: text('agent_id').primaryKey().references(() => agents.id),
  status: text('status', { enum: ['online', 'away'] }).notNull().default('online'),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
});
