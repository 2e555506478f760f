import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { complaintWarning, daysLeftText, fromLocalInput, localInputValue, openComplaintOf, playbookUrl, refusalOf } from './complaints';
import { loadLocale } from './i18n';

beforeAll(async () => {
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  vi.stubGlobal('document', { documentElement: {}, title: '' });
  await loadLocale('en');
});

describe('a complaint’s deadline in words', () => {
  it('counts working days, says today and past the deadline, and nothing once answered', () => {
    expect(daysLeftText({ status: 'open', overdue: false, workingDaysLeft: 12 })).toBe('12 working days left');
    expect(daysLeftText({ status: 'extended', overdue: false, workingDaysLeft: 1 })).toBe('1 working day left');
    expect(daysLeftText({ status: 'open', overdue: false, workingDaysLeft: 0 })).toBe('due today');
    expect(daysLeftText({ status: 'open', overdue: true, workingDaysLeft: 0 })).toBe('past the deadline');
    expect(daysLeftText({ status: 'answered', overdue: false, workingDaysLeft: null })).toBeNull();
  });

  it('warns of an overdue complaint before a soon-due one, and not of one answered in time', () => {
    expect(complaintWarning({ status: 'open', overdue: true, dueSoon: true })).toBe('overdue');
    expect(complaintWarning({ status: 'open', overdue: false, dueSoon: true })).toBe('dueSoon');
    expect(complaintWarning({ status: 'answered', overdue: false, dueSoon: false })).toBeNull();
    expect(complaintWarning({ status: 'answered', overdue: true, dueSoon: false })).toBe('answeredLate');
  });
});

describe('the dialog’s date received', () => {
  it('reads a date-time input as local time and writes one back', () => {
    const at = new Date(2026, 2, 2, 9, 5);
    expect(localInputValue(at)).toBe('2026-03-02T09:05');
    expect(fromLocalInput('2026-03-02T09:05')).toBe(at.toISOString());
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('yesterday')).toBeNull();
  });
});

describe('the server’s refusals', () => {
  it('names the fields of a 400 and of a 422, and the open complaint of a 409', () => {
    const bad = refusalOf(new ApiError(400, 'invalid_input', 'Some fields are invalid.', [{ field: 'body.answerWorkingDays', message: 'Too small' }]));
    expect([...bad.fields.keys()]).toEqual(['answerWorkingDays']);
    const future = refusalOf(new ApiError(422, 'complaint_received_in_future', 'Not in the future.', { field: 'body.receivedAt' }));
    expect(future.fields.get('receivedAt')).toBe('Not in the future.');
    const open = refusalOf(new ApiError(409, 'complaint_open', 'Already one.', { complaintId: 'c1', reference: 'CMP-ABCD2345' }));
    expect(openComplaintOf(open)).toEqual({ complaintId: 'c1', reference: 'CMP-ABCD2345' });
    expect(openComplaintOf(future)).toBeNull();
  });

  it('links the playbook in the agent’s language', () => {
    expect(playbookUrl('id-ID')).toBe('/help/id-ID/articles/agent-complaint-handling-playbook');
  });
});
