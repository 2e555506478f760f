import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../kernel/db/index.js';

const WINDOW_SECONDS = 15 * 60;
// Past this many failures for one account from all addresses, the account is slowed to one attempt per
// SLOW_MODE_SECONDS rather than locked: an attacker can slow a victim down but never lock them out.
const SLOW_MODE_SECONDS = 30;

interface Counter {
  key: string;
  failures: number;
  window_left: number;
  since_last: number;
}

export interface ThrottleLimits {
  /** Failures allowed for one login from one address per window. */
  perPair: number;
  /** Failures allowed from one address, all logins, per window. */
  perAddress: number;
  /** Failures for one login from all addresses before slow mode. */
  perLogin: number;
}

export const limitsFor = (maxFailures: number): ThrottleLimits => ({
  perPair: maxFailures,
  perAddress: maxFailures * 6,
  perLogin: maxFailures * 4,
});

const keysFor = (login: string, ip: string) => ({
  pair: `pair:${login.toLowerCase()}|${ip}`,
  address: `ip:${ip}`,
  login: `login:${login.toLowerCase()}`,
});

/** Seconds the caller must wait before trying this login from this address, or 0. */
export async function loginWaitSeconds(db: Db, limits: ThrottleLimits, login: string, ip: string): Promise<number> {
  const keys = keysFor(login, ip);
  const counters = await rows<Counter>(
    db,
    sql`select key, failures,
               extract(epoch from (window_start + make_interval(secs => ${WINDOW_SECONDS}) - now()))::float8 as window_left,
               extract(epoch from (now() - last_attempt_at))::float8 as since_last
        from login_failures
        where key in (${keys.pair}, ${keys.address}, ${keys.login})
          and window_start > now() - make_interval(secs => ${WINDOW_SECONDS})`,
  );
  let wait = 0;
  for (const c of counters) {
    if (c.key === keys.pair && c.failures >= limits.perPair) wait = Math.max(wait, c.window_left);
    if (c.key === keys.address && c.failures >= limits.perAddress) wait = Math.max(wait, c.window_left);
    if (c.key === keys.login && c.failures >= limits.perLogin && c.since_last < SLOW_MODE_SECONDS)
      wait = Math.max(wait, SLOW_MODE_SECONDS - c.since_last);
  }
  return Math.ceil(wait);
}

export async function recordLoginFailure(db: Db, login: string, ip: string): Promise<void> {
  const keys = keysFor(login, ip);
  for (const key of [keys.pair, keys.address, keys.login]) {
    await db.execute(sql`
      insert into login_failures (key, failures, window_start, last_attempt_at) values (${key}, 1, now(), now())
      on conflict (key) do update set
        failures = case when login_failures.window_start <= now() - make_interval(secs => ${WINDOW_SECONDS}) then 1 else login_failures.failures + 1 end,
        window_start = case when login_failures.window_start <= now() - make_interval(secs => ${WINDOW_SECONDS}) then now() else login_failures.window_start end,
        last_attempt_at = now()`);
  }
}

/** A successful sign-in forgives this login's failures from this address. */
export async function clearLoginFailures(db: Db, login: string, ip: string): Promise<void> {
  const keys = keysFor(login, ip);
  await db.execute(sql`delete from login_failures where key in (${keys.pair}, ${keys.login})`);
}
