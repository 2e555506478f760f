import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Desk } from './desk.js';

export type SapaHttp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A capability of Sapa: its routes, what it starts, and its demo data. Composed in server/src/app.ts. */
export interface SapaModule {
  name: string;
  /** Called first, in module order: register job handlers and event listeners. */
  setup?: (desk: Desk) => Promise<void> | void;
  /** JSON API routes, mounted under /api/v1. */
  api?: (http: SapaHttp, desk: Desk) => Promise<void> | void;
  /** Routes at the site root: pages, assets, webhooks that must keep a provider's path. */
  site?: (http: SapaHttp, desk: Desk) => Promise<void> | void;
  /** Idempotent demo data, loaded in module order when SAPA_DEMO is on. */
  seedDemo?: (desk: Desk) => Promise<void>;
  /** Runs after migrations and demo data, before the node listens (servers, schedulers). */
  start?: (desk: Desk) => Promise<void>;
}
