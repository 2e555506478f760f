import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per node (and per test app), with the HTTP and domain counters every module shares. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sapa_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'sapa_http_requests_total',
      help: 'HTTP requests by method, route and status code',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'sapa_http_request_duration_seconds',
      help: 'HTTP request latency by method and route',
      labelNames: ['method', 'route'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    casesCreated: new Counter({
      name: 'sapa_cases_created_total',
      help: 'Cases created, by channel',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    messagesCreated: new Counter({
      name: 'sapa_messages_created_total',
      help: 'Messages stored, by channel and author kind',
      labelNames: ['channel', 'author'] as const,
      registers: [registry],
    }),
    jobsFinished: new Counter({
      name: 'sapa_jobs_finished_total',
      help: 'Background jobs finished, by queue and outcome',
      labelNames: ['queue', 'outcome'] as const,
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
