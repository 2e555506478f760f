import { t, type Locale } from '../../kernel/i18n.js';
import { normalisePhone } from '../identity/service.js';
import { isCalendarDate, localDate } from './hours.js';

// What an account appeal may carry, checked the same way on the troubleshooter's form and the JSON API, and how its
// identity details are named to the agent in the case's language.

export const identityFields = ['name', 'contact', 'dateOfBirth', 'idNumberLast4'] as const;
export type IdentityField = (typeof identityFields)[number];

const EARLIEST_BIRTH = '1900-01-01';

/**
 * Appeals without a sign-in, per address and hour (form and API each): plenty for a household behind a carrier's
 * shared address, too few to flood the queue with visitors.
 */
export const ANONYMOUS_APPEALS_PER_HOUR = 10;

/** A date of birth is a real calendar date, not after today (in the desk's zone) and not before 1900. */
export function validBirthDate(date: string, timeZone: string, now = new Date()): boolean {
  return isCalendarDate(date) && date >= EARLIEST_BIRTH && date <= localDate(now, timeZone);
}

export const validIdLast4 = (value: string): boolean => /^\d{4}$/.test(value);

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/;
const PHONE = /^\+?[\d\s().-]{6,24}$/;

/**
 * A way to reach someone who cannot sign in: an email address as typed (lower-cased), or a phone number in the one
 * canonical form the rest of Sapa compares (+62…). Undefined when it is neither.
 */
export function appealContact(raw: string): string | undefined {
  const value = raw.trim();
  if (value.length > 254) return undefined;
  if (value.includes('@')) return EMAIL.test(value) ? value.toLowerCase() : undefined;
  const digits = value.replace(/\D/g, '').length;
  return PHONE.test(value) && digits >= 6 && digits <= 15 ? normalisePhone(value) : undefined;
}

/** "name and date of birth" / "姓名和出生日期": field names in the case's language, joined as that language does. */
export function identityFieldNames(locale: Locale, fields: readonly IdentityField[]): string {
  if (!fields.length) return '—';
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(fields.map((f) => t(locale, `support.appeal.field.${f}`)));
}
