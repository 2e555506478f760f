/**
 * Service-level benchmark. Fills an embedded database with SAPA_BENCH_CASES open and pending cases (default 10,000;
 * a tenth of them waited on the customer for a while, a third answered once), with business hours on (08:00–22:00 and
 * two holidays), and measures what every node does with them: the minute sweep that looks for missed targets over all
 * of them, a queue page's clocks (`GET /sla/cases`, 100 ids), the at-risk list (before any sweep, right after one, and
 * with 200 cases changed since) and a 30-day report. Prints one JSON line: wall and CPU milliseconds per operation. The first sweep records every target the generated history missed (a
 * burst a real desk sees only when its targets are shortened); the second is the steady minute-by-minute cost.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/kernel/config.js';
import { createRng } from '../nlu/src/rng.js';
import { inArray } from 'drizzle-orm';
import { caseEvents, cases } from '../server/src/modules/cases/schema.js';
import { atRisk, casesSla, slaReport, sweepBreaches } from '../server/src/modules/sla/service.js';
import { saveHolidays } from '../server/src/modules/support/service.js';

const CASES = Number(process.env.SAPA_BENCH_CASES ?? 10_000);
const SEED = 20261129;

const random = createRng(SEED);
const priorities = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'] as const;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, ms: Math.round(performance.now() - start), cpuMs: Math.round((used.user + used.system) / 1000) };
}

const dir = await mkdtemp(path.join(tmpdir(), 'sapa-bench-sla-'));
const app = await buildApp(loadConfig({ ...process.env, SAPA_DATA_DIR: dir, DATABASE_URL: undefined, SAPA_DEMO: '0', LOG_LEVEL: 'warn' }), { quiet: true });
const { desk } = app;
try {
  await saveHolidays(desk, [
    { date: '2026-12-25', name: 'Natal' },
    { date: '2027-01-01', name: 'Tahun Baru' },
  ]);
  const now = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < CASES; i += 1000) {
    const rows = [];
    const events = [];
    for (let j = i; j < Math.min(CASES, i + 1000); j++) {
      const id = `bench-${j}`;
      ids.push(id);
      // Created up to five days ago; a third answered within a few hours; a tenth waited on the customer for a while.
      const createdAt = new Date(now - random() * 5 * 86400_000);
      const answered = random() < 0.33 ? new Date(Math.min(now, createdAt.getTime() + random() * 6 * 3600_000)) : null;
      const pending = random() < 0.1;
      rows.push({ id, reference: `SP-B${j}`, priority: priorities[Math.floor(random() * priorities.length)], status: pending ? ('pending' as const) : ('open' as const), createdAt, firstResponseAt: answered, waitingSince: answered ? null : createdAt });
      if (pending) {
        const at = new Date(createdAt.getTime() + (now - createdAt.getTime()) * random());
        events.push({ id: `${id}-e`, caseId: id, type: 'status_changed', fromValue: 'open', toValue: 'pending', actorKind: 'agent', actorId: null, createdAt: at });
      }
    }
    await desk.db.insert(cases).values(rows);
    if (events.length) await desk.db.insert(caseEvents).values(events);
  }

  // Before any sweep the node has no watch list: the first at-risk request walks every open case itself.
  const riskCold = await timed(() => atRisk(desk, 60));
  const sweep = await timed(() => sweepBreaches(desk));
  const sweepAgain = await timed(() => sweepBreaches(desk));
  const pages: number[] = [];
  for (let k = 0; k < 50; k++) {
    const start = Math.floor(random() * (CASES - 100));
    const page = await timed(() => casesSla(desk, ids.slice(start, start + 100)));
    pages.push(page.ms);
  }
  pages.sort((a, b) => a - b);
  // Right after a sweep, and then with 200 cases changed since it (a busy minute): the list's head and the changed ones.
  const risk = await timed(() => atRisk(desk, 60));
  const touched = ids.filter((_, k) => k % Math.max(1, Math.floor(CASES / 200)) === 0).slice(0, 200);
  await desk.db.update(cases).set({ updatedAt: new Date() }).where(inArray(cases.id, touched));
  const riskChanged = await timed(() => atRisk(desk, 60));
  const report = await timed(() => slaReport(desk, new Date(now - 30 * 86400_000), new Date(now + 1)));
  console.log(
    JSON.stringify({
      cases: CASES,
      sweep_ms: sweep.ms,
      sweep_cpu_ms: sweep.cpuMs,
      breaches_recorded: sweep.value,
      sweep_again_ms: sweepAgain.ms,
      sweep_again_cpu_ms: sweepAgain.cpuMs,
      sweep_again_us_per_case: Math.round((sweepAgain.ms / CASES) * 1000),
      sweep_again_recorded: sweepAgain.value,
      page_100_p50_ms: pages[Math.floor(pages.length / 2)],
      page_100_p99_ms: pages[Math.floor(pages.length * 0.99)],
      at_risk_cold_ms: riskCold.ms,
      at_risk_ms: risk.ms,
      at_risk_cpu_ms: risk.cpuMs,
      at_risk_200_changed_ms: riskChanged.ms,
      at_risk_items: risk.value.length,
      report_ms: report.ms,
      report_cpu_ms: report.cpuMs,
      report_cases: report.value.cases,
      load_per_core: Math.round((loadavg()[0] / 2) * 100) / 100,
    }),
  );
} finally {
  await app.stop();
  await rm(dir, { recursive: true, force: true });
}
