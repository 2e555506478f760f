import type { ComponentStatus } from './schema.js';

declare module '../../kernel/events.js' {
  interface DomainEvents {
    /** A component's effective state changed (incident, maintenance, override or monitor). */
    'status.changed': { componentId: string; from: ComponentStatus; to: ComponentStatus; cause: string };
  }
}
