import { useSyncExternalStore } from 'react';

// The desk requires two-factor sign-in of every agent and this one has none yet: the server answers 403
// two_factor_required to everything but setting it up (and the live socket refuses with the same code). Until the agent
// turns it on, the console shows only My account → Security with a banner saying why, stops its polling and its live
// connection, and keeps the server's refusals out of the toasts. Turning it on reloads the page, which clears this.

let required = false;
let refusal: string | null = null;
const listeners = new Set<() => void>();

/** The server refused with two_factor_required (its message, written in the agent's language, when it came with one). */
export function requireTwoFactor(message?: string): void {
  if (message) refusal = message;
  if (required) return;
  required = true;
  listeners.forEach((fn) => fn());
}

export const twoFactorRequired = () => required;

/** Called once, when the console first learns that two-factor sign-in must be set up before anything else. */
export function onTwoFactorRequired(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function useTwoFactorRequired(): boolean {
  return useSyncExternalStore(onTwoFactorRequired, twoFactorRequired);
}

/**
 * Whether a toast only repeats the refusal (a screen's request that failed as the console was being sent to the
 * Security screen): the banner there says it once, so toasts that carry the server's message are dropped.
 */
export const repeatsRefusal = (text: string) => required && refusal !== null && text.includes(refusal);

/** Signed out (the next agent to sign in in this tab starts afresh), and for tests. */
export function resetTwoFactorGate(): void {
  required = false;
  refusal = null;
}
