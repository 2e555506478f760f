import { EventEmitter } from 'node:events';

/**
 * Domain events: how one module reacts to another's changes (a message arrives → realtime, assistant, SLA, …).
 * Modules add their event types to `DomainEvents` by declaration merging. With REDIS_URL the realtime module
 * relays what every node must see; the bus itself stays in-process.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

type Name = keyof DomainEvents & string;
type Listener<K extends Name> = (payload: DomainEvents[K]) => void | Promise<void>;

export class EventBus {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  constructor(private readonly onListenerError: (event: string, error: unknown) => void) {
    this.emitter.setMaxListeners(100);
  }

  on<K extends Name>(event: K, listener: Listener<K>): () => void {
    const wrapped = (payload: DomainEvents[K]) => {
      try {
        const result = listener(payload);
        if (result instanceof Promise) result.catch((error) => this.onListenerError(event, error));
      } catch (error) {
        this.onListenerError(event, error);
      }
    };
    this.emitter.on(event, wrapped);
    return () => this.emitter.off(event, wrapped);
  }

  /** Delivers to local listeners; a failing listener is logged and never fails the emitter. */
  emit<K extends Name>(event: K, payload: DomainEvents[K]): void {
    this.emitter.emit(event, payload);
  }
}
