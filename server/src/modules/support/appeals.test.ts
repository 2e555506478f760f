import { describe, expect, it } from 'vitest';
import { registerMessages } from '../../kernel/i18n.js';
import { appealContact, identityFieldNames, validBirthDate, validIdLast4 } from './appeals.js';
import { supportMessages } from './messages.js';

registerMessages(supportMessages);

describe('appeal details', () => {
  it('takes a date of birth only when it is a real day from 1900 to today in the desk’s zone', () => {
    // 2026-11-29 23:30 UTC is already 30 November in Jakarta.
    const now = new Date('2026-11-29T23:30:00Z');
    expect(validBirthDate('1990-05-17', 'Asia/Jakarta', now)).toBe(true);
    expect(validBirthDate('1900-01-01', 'Asia/Jakarta', now)).toBe(true);
    expect(validBirthDate('2026-11-30', 'Asia/Jakarta', now)).toBe(true);
    expect(validBirthDate('2026-11-30', 'UTC', now)).toBe(false);
    for (const wrong of ['2099-01-01', '1899-12-31', '1990-02-30', '1990-13-01', '31/12/1990', '1990-5-17', '']) expect(validBirthDate(wrong, 'Asia/Jakarta', now), wrong).toBe(false);
  });

  it('takes exactly four digits of an ID', () => {
    expect(validIdLast4('0042')).toBe(true);
    for (const wrong of ['12', '12345', '12a4', '１２３４']) expect(validIdLast4(wrong), wrong).toBe(false);
  });

  it('takes an email address or a phone number as a contact, phones in the canonical form', () => {
    expect(appealContact(' Li.Na@Example.test ')).toBe('li.na@example.test');
    expect(appealContact('0812-3456-7890')).toBe('+6281234567890');
    expect(appealContact('+62 812 3456 7890')).toBe('+6281234567890');
    for (const wrong of ['wa aja', 'me@', '@example.test', 'a@b', '12345', '+1 234 567 890 123 456 7', 'call me at 0812']) expect(appealContact(wrong), wrong).toBeUndefined();
  });

  it('names the identity details in the case’s language, joined as that language joins a list', () => {
    expect(identityFieldNames('zh-CN', ['name', 'dateOfBirth'])).toBe('姓名和出生日期');
    expect(identityFieldNames('id-ID', ['name', 'contact', 'idNumberLast4'])).toBe('nama lengkap, kontak, dan 4 digit terakhir nomor identitas');
    expect(identityFieldNames('en', ['dateOfBirth'])).toBe('date of birth');
    expect(identityFieldNames('en', [])).toBe('—');
  });
});
