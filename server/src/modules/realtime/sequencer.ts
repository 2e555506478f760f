/**
 * One subscriber's view of one case: every message it may see, exactly once, in seq order.
 *
 * Live messages reach a node in whatever order their posts finished (two nodes, two concurrent posts), and a
 * subscription starts with a replay from the database while live messages keep arriving. Both seams are closed
 * here: live messages wait in `pending` while the database is read, duplicates (seq at or below the cursor) are
 * dropped, and a gap that does not close by itself within `gapWaitMs` is filled from the database. Seqs are
 * assigned without gaps in the same statement that stores the message, so once seq N is known, every seq below it
 * is committed and readable.
 */
export interface Sequenced {
  seq: number;
  internal: boolean;
}

export interface SequencerOptions<M extends Sequenced> {
  /** The subscriber has everything up to here (its afterSeq). */
  cursor: number;
  /** The case's last seq when subscribing (internal notes at the end are invisible to a customer's replay). */
  lastSeq?: number;
  /** Agents see internal notes; for others an internal note only moves the cursor. */
  seesInternal: boolean;
  emit: (message: M) => void;
  /** Messages this subscriber may see with seq > afterSeq, ascending, at most `pageSize`. */
  fetchAfter: (afterSeq: number, pageSize: number) => Promise<M[]>;
  pageSize?: number;
  gapWaitMs?: number;
  /** A database read failed; the sequencer retries on its own with backoff. */
  onError?: (error: unknown) => void;
}

const MAX_PENDING = 1000;

export class CaseSequencer<M extends Sequenced> {
  cursor: number;
  /** Highest seq known to exist (committed), from live messages and hints. */
  private knownLast: number;
  /** Live messages ahead of the cursor; null marks a seq this subscriber must not see (an internal note). */
  private readonly pending = new Map<number, M | null>();
  /** True while reading the database, and before start(): live messages wait in `pending` meanwhile. */
  private filling = true;
  private fillAgain = false;
  private gapTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private hintTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;
  private readonly pageSize: number;
  private readonly gapWaitMs: number;

  constructor(private readonly options: SequencerOptions<M>) {
    this.cursor = options.cursor;
    // The cursor is the subscriber's claim; only seqs seen stored (or the case's last seq) count as known.
    this.knownLast = options.lastSeq ?? 0;
    this.pageSize = options.pageSize ?? 200;
    this.gapWaitMs = options.gapWaitMs ?? 250;
  }

  /**
   * Replays everything after the cursor from the database; resolves with the cursor reached. Rejects on failure.
   * A subscriber already at the case's last seq (a re-sync with nothing missed) costs no read at all: whatever is
   * stored after that seq reaches it live. `lastSeq` is the case's last seq, read after the subscription was
   * registered (so anything stored later arrives live).
   */
  async start(lastSeq?: number): Promise<number> {
    const last = lastSeq ?? this.options.lastSeq;
    if (last !== undefined) {
      // A client may claim more than exists (a restored database, a bug): it gets everything after what exists.
      this.cursor = Math.min(this.cursor, last);
      if (last > this.knownLast) this.knownLast = last;
    }
    try {
      if (last === undefined || this.knownLast > this.cursor) await this.readFromDatabase();
    } finally {
      this.filling = false;
    }
    this.afterFill();
    return this.cursor;
  }

  /** A live message of this case. */
  offer(message: M): void {
    if (this.closed) return;
    if (message.seq > this.knownLast) this.knownLast = message.seq;
    if (message.seq <= this.cursor) return;
    // The usual case, the next seq with nothing waiting: straight through. Going through `pending` would replace the
    // Map's hash table twice per message, and each table lived until the case's next message, long enough to be
    // promoted to the old generation: a large share of what made the nodes' major collections at 1,000 messages/s.
    if (!this.filling && this.pending.size === 0 && message.seq === this.cursor + 1) {
      this.cursor = message.seq;
      this.emit(message);
      return;
    }
    // Far behind (the database was down for a while): stop holding live messages, the database has them all.
    if (this.pending.size >= MAX_PENDING) {
      if (!this.filling && !this.retryTimer) void this.fill();
      return;
    }
    this.pending.set(message.seq, message.internal && !this.options.seesInternal ? null : message);
    if (!this.filling) this.drain();
  }

  /**
   * A periodic check says the case has messages up to `lastSeq`. Usually they are on their way; if the subscriber is
   * still behind a moment later, one was lost (its node died before announcing it) and is read from the database.
   */
  hint(lastSeq: number, graceMs = 1000): void {
    if (this.closed) return;
    if (lastSeq > this.knownLast) this.knownLast = lastSeq;
    if (this.knownLast <= this.cursor || this.hintTimer) return;
    this.hintTimer = setTimeout(() => {
      this.hintTimer = undefined;
      if (this.knownLast > this.cursor) void this.fill();
    }, graceMs);
    this.hintTimer.unref();
  }

  /** Reads whatever the database has past the cursor now (announcements cannot be trusted: Redis is down). */
  catchUp(): Promise<void> {
    return this.fill();
  }

  /** Whether this subscriber is behind what is known to exist. */
  get behind(): boolean {
    return this.knownLast > this.cursor;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.gapTimer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.hintTimer);
    this.pending.clear();
  }

  private emit(message: M): void {
    // Belt and braces: whatever path a message came by, an internal note never reaches a non-agent.
    if (message.internal && !this.options.seesInternal) return;
    this.options.emit(message);
  }

  private drain(): void {
    for (;;) {
      const next = this.cursor + 1;
      if (!this.pending.has(next)) break;
      const message = this.pending.get(next);
      this.pending.delete(next);
      this.cursor = next;
      if (message) this.emit(message);
    }
    for (const seq of this.pending.keys()) if (seq <= this.cursor) this.pending.delete(seq);
    if (this.pending.size > 0 && !this.gapTimer) {
      // A later message came first: give the earlier one a moment to arrive before asking the database.
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined;
        if (!this.closed && this.pending.size > 0) void this.fill();
      }, this.gapWaitMs);
      this.gapTimer.unref();
    }
    if (this.pending.size === 0 && this.gapTimer) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
    }
  }

  private async fill(): Promise<void> {
    if (this.closed) return;
    if (this.filling) {
      this.fillAgain = true;
      return;
    }
    this.filling = true;
    clearTimeout(this.gapTimer);
    this.gapTimer = undefined;
    try {
      await this.readFromDatabase();
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.options.onError?.(error);
      if (!this.closed) {
        // The database is unreachable: try again with backoff (0.5 s, 1 s, 2 s, … at most 10 s).
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.fill();
        }, Math.min(10_000, 250 * 2 ** this.failures));
        this.retryTimer.unref();
      }
    } finally {
      this.filling = false;
    }
    this.afterFill();
  }

  private afterFill(): void {
    if (this.closed) return;
    if (this.fillAgain) {
      this.fillAgain = false;
      void this.fill();
      return;
    }
    this.drain();
  }

  private async readFromDatabase(): Promise<void> {
    // Everything up to `target` is committed, so after reading past the cursor every visible message up to it has
    // been seen; invisible ones (internal notes, for a customer) are skipped by moving the cursor to it.
    const target = this.knownLast;
    for (let pages = 0; pages < 10_000 && !this.closed; pages++) {
      const page = await this.options.fetchAfter(this.cursor, this.pageSize);
      if (this.closed) return;
      for (const message of page) {
        if (message.seq <= this.cursor) continue;
        this.cursor = message.seq;
        this.pending.delete(message.seq);
        this.emit(message);
      }
      if (page.length < this.pageSize) break;
    }
    if (target > this.cursor) this.cursor = target;
    for (const seq of this.pending.keys()) if (seq <= this.cursor) this.pending.delete(seq);
  }
}
