import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { agents } from '../identity/schema.js';

/** When routing last gave each agent a case: among agents equally loaded, the one who waited longest gets the next. */
export const routingAgents = pgTable('routing_agents', {
  agentId: text('agent_id')
    .primaryKey()
    .references(() => agents.id),
  lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }).notNull(),
});
