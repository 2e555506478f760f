import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.js';
import { agentPreferences, agentPresence, cannedResponses, caseTeams, teamMembers, teams } from './schema.js';

export type TeamRow = typeof teams.$inferSelect;
export type CannedRow = typeof cannedResponses.$inferSelect;
export type PreferencesRow = typeof agentPreferences.$inferSelect;
export type PresenceRow = typeof agentPresence.$inferSelect;

// ------------------------------------------------------------------------------------------ teams

export const allTeams = (db: Db) => db.select().from(teams).orderBy(asc(teams.name));

export async function findTeam(db: Db, id: string): Promise<TeamRow | undefined> {
  const [row] = await db.select().from(teams).where(eq(teams.id, id));
  return row;
}

export async function insertTeam(db: Db, name: string): Promise<TeamRow> {
  const [row] = await db.insert(teams).values({ id: randomUUID(), name }).returning();
  return row;
}

export async function renameTeam(db: Db, id: string, name: string): Promise<void> {
  await db.update(teams).set({ name }).where(eq(teams.id, id));
}

export async function deleteTeam(db: Db, id: string): Promise<boolean> {
  const gone = await db.delete(teams).where(eq(teams.id, id)).returning({ id: teams.id });
  return gone.length > 0;
}

export const memberships = (db: Db) => db.select({ teamId: teamMembers.teamId, agentId: teamMembers.agentId }).from(teamMembers);

/** Replaces a team's members with exactly these agents. */
export async function setMembers(db: Db, teamId: string, agentIds: string[]): Promise<void> {
  await db.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
  if (agentIds.length) await db.insert(teamMembers).values(agentIds.map((agentId) => ({ teamId, agentId })));
}

export async function teamsOfCases(db: Db, caseIds: string[]): Promise<Map<string, string>> {
  if (!caseIds.length) return new Map();
  const found = await db.select({ caseId: caseTeams.caseId, teamId: caseTeams.teamId }).from(caseTeams).where(inArray(caseTeams.caseId, caseIds));
  return new Map(found.map((r) => [r.caseId, r.teamId]));
}

export async function setCaseTeam(db: Db, caseId: string, teamId: string | null, by: string): Promise<void> {
  if (!teamId) {
    await db.delete(caseTeams).where(eq(caseTeams.caseId, caseId));
    return;
  }
  await db
    .insert(caseTeams)
    .values({ caseId, teamId, assignedBy: by })
    .onConflictDoUpdate({ target: caseTeams.caseId, set: { teamId, assignedBy: by, assignedAt: new Date() } });
}

// ------------------------------------------------------------------------------------------ canned responses

export const allCanned = (db: Db) => db.select().from(cannedResponses).orderBy(asc(cannedResponses.shortcut));

export async function findCanned(db: Db, id: string): Promise<CannedRow | undefined> {
  const [row] = await db.select().from(cannedResponses).where(eq(cannedResponses.id, id));
  return row;
}

export async function findCannedByShortcut(db: Db, shortcut: string): Promise<CannedRow | undefined> {
  const [row] = await db.select().from(cannedResponses).where(eq(cannedResponses.shortcut, shortcut));
  return row;
}

export async function insertCanned(db: Db, c: Pick<CannedRow, 'title' | 'shortcut' | 'bodies' | 'createdBy'>): Promise<CannedRow> {
  const [row] = await db.insert(cannedResponses).values({ id: randomUUID(), ...c }).returning();
  return row;
}

export async function updateCanned(db: Db, id: string, values: Partial<Pick<CannedRow, 'title' | 'shortcut' | 'bodies'>>): Promise<CannedRow | undefined> {
  const [row] = await db.update(cannedResponses).set({ ...values, updatedAt: new Date() }).where(eq(cannedResponses.id, id)).returning();
  return row;
}

export async function deleteCanned(db: Db, id: string): Promise<boolean> {
  const gone = await db.delete(cannedResponses).where(eq(cannedResponses.id, id)).returning({ id: cannedResponses.id });
  return gone.length > 0;
}

// ------------------------------------------------------------------------------------------ preferences, presence

export async function preferencesOf(db: Db, agentId: string): Promise<PreferencesRow | undefined> {
  const [row] = await db.select().from(agentPreferences).where(eq(agentPreferences.agentId, agentId));
  return row;
}

export async function savePreferences(db: Db, agentId: string, values: { sound?: boolean; desktopNotifications?: boolean }): Promise<void> {
  await db
    .insert(agentPreferences)
    .values({ agentId, ...values })
    .onConflictDoUpdate({ target: agentPreferences.agentId, set: { ...values, updatedAt: new Date() } });
}

export async function savePresence(db: Db, agentId: string, status: PresenceRow['status']): Promise<PresenceRow> {
  const [row] = await db
    .insert(agentPresence)
    .values({ agentId, status, lastSeenAt: new Date() })
    .onConflictDoUpdate({ target: agentPresence.agentId, set: { status, lastSeenAt: sql`now()` } })
    .returning();
  return row;
}

/** Presence rows seen within the last `seconds`: the agents whose console is open. */
export async function recentPresence(db: Db, seconds: number): Promise<PresenceRow[]> {
  return db
    .select()
    .from(agentPresence)
    .where(and(sql`${agentPresence.lastSeenAt} > now() - make_interval(secs => ${seconds})`));
}

export async function clearPresence(db: Db, agentId: string): Promise<void> {
  await db.delete(agentPresence).where(eq(agentPresence.agentId, agentId));
}
