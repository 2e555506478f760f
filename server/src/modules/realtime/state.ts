import type { Server as HttpServer } from 'node:http';
import { moduleState, type Desk } from '../../kernel/desk.js';
import type { RealtimeNode } from './server.js';

const REALTIME = Symbol('realtime');

/** This node's realtime state: the HTTP server to attach to (known from `site`) and, once started, the server. */
export const realtimeState = (desk: Desk) => moduleState(desk, REALTIME, () => ({}) as { httpServer?: HttpServer; node?: RealtimeNode });
