import type { Store } from '../types.js';
import type { AttachmentView } from './model.js';

/** A message the customer wrote that Sapa has not acknowledged yet. */
export interface OutboxItem {
  /** Chosen when typed; Sapa deduplicates on it, so sending again after an unknown outcome is safe. */
  clientMessageId: string;
  body: string;
  attachments: AttachmentView[];
  /** The case it belongs to, or `new:<id>` for a conversation whose case the first message will create. */
  conversation: string;
  /** Typed while live with the assistant: goes to the assistant first. Anything that had to wait goes to a person. */
  viaAssistant: boolean;
  /** Who wrote it (their contact id), when known: it is only ever sent in that person's session. */
  contactId?: string | null;
  /** The customer asked for a person with this message. */
  handoff?: boolean;
  state: 'waiting' | 'failed';
  /** Sapa's own words for a refusal; absent when the answer had none (a proxy's page): the UI words the status. */
  error?: string;
  status?: number;
  createdAt: string;
}

const KEY = 'outbox';

/**
 * The offline outbox, in localStorage so it survives reloads and the loader can count it. Every operation re-reads
 * storage (another tab may have sent something) and writes back at once.
 */
export class Outbox {
  constructor(private readonly store: Store) {}

  all(): OutboxItem[] {
    const items = this.store.get<OutboxItem[]>(KEY);
    return Array.isArray(items) ? items.filter((i) => i && typeof i.clientMessageId === 'string') : [];
  }

  private save(items: OutboxItem[]) {
    if (items.length) this.store.set(KEY, items);
    else this.store.remove(KEY);
  }

  add(item: OutboxItem) {
    const items = this.all();
    if (!items.some((i) => i.clientMessageId === item.clientMessageId)) items.push(item);
    this.save(items);
  }

  update(clientMessageId: string, patch: Partial<OutboxItem>) {
    this.save(this.all().map((i) => (i.clientMessageId === clientMessageId ? { ...i, ...patch } : i)));
  }

  remove(clientMessageId: string) {
    this.save(this.all().filter((i) => i.clientMessageId !== clientMessageId));
  }

  /** The case was created: everything queued for the draft conversation now goes to it. */
  reassign(from: string, to: string) {
    this.save(this.all().map((i) => (i.conversation === from ? { ...i, conversation: to } : i)));
  }

  /**
   * The next item to send, oldest first; failed ones wait for the customer to retry them, and another person's
   * messages (a shared device where someone signed out) wait for that person.
   */
  next(contactId?: string | null): OutboxItem | undefined {
    return this.all().find((i) => i.state === 'waiting' && (!i.contactId || !contactId || i.contactId === contactId));
  }

  /** Retrying moves a failed message to the end of the queue, after what was written since. */
  retry(clientMessageId: string) {
    const items = this.all();
    const item = items.find((i) => i.clientMessageId === clientMessageId);
    if (!item) return;
    this.save([...items.filter((i) => i !== item), { ...item, state: 'waiting', error: undefined, status: undefined }]);
  }
}

/** A random id, sortable by time, for clientMessageId and draft conversations. */
export function newId(prefix = 'w'): string {
  const random = new Uint8Array(10);
  crypto.getRandomValues(random);
  return `${prefix}${Date.now().toString(36)}${Array.from(random, (b) => b.toString(36).padStart(2, '0')).join('')}`;
}
