import { ApiError } from '../api';
import { t, tKey } from '../i18n';

// The account's own security (the server's identity module: /me/security, /me/two-factor…, /me/sessions/:id,
// /me/password), as the "My account → Security" screen reads it.

export interface SecurityEvent {
  type: string;
  at: string;
  ip: string | null;
  device: string | null;
}

export interface SignedInDevice {
  /** A short id naming the session (not the session itself). */
  id: string;
  current: boolean;
  createdAt: string;
  ip: string | null;
  device: string | null;
}

export interface SecurityOverview {
  twoFactor: boolean;
  recoveryCodesLeft: number;
  events: SecurityEvent[];
  sessions: SignedInDevice[];
}

export interface TwoFactorSetup {
  secret: string;
  otpauthUrl: string;
  /** The QR code of `otpauthUrl`, as an SVG document. */
  qrSvg: string;
}

/** The desk's sign-in policy (GET /security/settings for supervisors, PUT for admins). */
export interface SecurityPolicy {
  /** Every agent must use two-factor sign-in: those without it can only set it up (403 two_factor_required elsewhere). */
  requireAgentTwoFactor: boolean;
}

/** How many recovery codes the server hands out; few left (this many or fewer) is worth a warning. */
export const RECOVERY_CODES = 10;
export const FEW_CODES_LEFT = 3;

/** What to show of a refusal: the server's message, which it writes in the agent's language. */
export const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return (
    secret
      .replace(/\s+/g, '')
      .match(/.{1,4}/g)
      ?.join(' ') ?? ''
  );
}

/** An event's type in words ("Turned on two-factor sign-in"); a type this console does not know yet as it is. */
export function eventText(type: string): string {
  return tKey(`security.event.${type}`, type);
}

/** The content of the recovery codes' .txt file: what they are for, the account, the date, then one code a line. */
export function recoveryCodesText(codes: readonly string[], account: string, created: string): string {
  return [t('security.codesFileTitle', { account }), t('security.codesFileCreated', { date: created }), t('security.codesFileHelp'), '', ...codes, ''].join('\n');
}

/** Offers `text` as a download named `filename` (a .txt of the recovery codes). */
export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Copies `text`; false when the browser refuses (no permission, not a secure page). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The QR code as an image source: an <img> shows the server's SVG without letting it into the page's DOM. */
export const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
