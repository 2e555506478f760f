import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { afterBulk, BULK_MAX, chunks, describeFailures, failuresByReason, headerState, noSelection, prune, sendBulk, toggle, toggleAllShown, type BulkChange, type BulkResult } from './bulk';
import type { CaseView } from './types';

const view = (id: string) => ({ id }) as CaseView;

describe('the inbox selection', () => {
  it('toggles one case in and out without touching the previous selection', () => {
    const one = toggle(noSelection, 'a');
    expect([...one]).toEqual(['a']);
    expect([...toggle(one, 'b')]).toEqual(['a', 'b']);
    expect([...toggle(one, 'a')]).toEqual([]);
    expect(noSelection.size).toBe(0);
  });

  it('says none, some or all of the shown cases are ticked (the header box’s three states)', () => {
    const shown = ['a', 'b', 'c'];
    expect(headerState(noSelection, shown)).toBe('none');
    expect(headerState(new Set(['b']), shown)).toBe('some');
    expect(headerState(new Set(['a', 'b', 'c']), shown)).toBe('all');
    // Only the shown ones count: a ticked case elsewhere does not make the box mixed.
    expect(headerState(new Set(['z']), shown)).toBe('none');
    expect(headerState(noSelection, [])).toBe('none');
  });

  it('selects all shown from none or some, and clears them when all were ticked', () => {
    const shown = ['a', 'b', 'c'];
    expect([...toggleAllShown(noSelection, shown)].sort()).toEqual(['a', 'b', 'c']);
    expect([...toggleAllShown(new Set(['b']), shown)].sort()).toEqual(['a', 'b', 'c']);
    expect([...toggleAllShown(new Set(shown), shown)]).toEqual([]);
  });

  it('drops the cases that left the list, quietly, and keeps the same object when none did', () => {
    const selection = new Set(['a', 'b', 'c']);
    expect(prune(selection, ['a', 'b', 'c', 'd'])).toBe(selection);
    expect([...prune(selection, ['c', 'a', 'x'])]).toEqual(['a', 'c']);
    expect(prune(noSelection, [])).toBe(noSelection);
    expect([...prune(selection, [])]).toEqual([]);
  });
});

describe('sending a change to many cases', () => {
  it('splits into chunks the server takes (100 at most)', () => {
    const ids = Array.from({ length: 250 }, (_, i) => `c${i}`);
    const parts = chunks(ids);
    expect(parts.map((p) => p.length)).toEqual([BULK_MAX, BULK_MAX, 50]);
    expect(parts.flat()).toEqual(ids);
    expect(chunks([])).toEqual([]);
    expect(chunks(['a', 'b', 'c'], 2)).toEqual([['a', 'b'], ['c']]);
  });

  it('sends one request per chunk and adds up what changed and what failed', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const sent: { ids: string[]; change: BulkChange }[] = [];
    const result = await sendBulk(ids, { status: 'resolved' }, async (body) => {
      sent.push(body);
      return { updated: body.ids.filter((id) => id !== 'c120').map(view), failed: body.ids.includes('c120') ? [{ id: 'c120', code: 'not_found', message: 'Case not found.' }] : [] };
    });
    expect(sent.map((b) => b.ids.length)).toEqual([100, 50]);
    expect(sent.every((b) => b.change.status === 'resolved')).toBe(true);
    expect(result.updated).toHaveLength(149);
    expect(result.failed).toEqual([{ id: 'c120', code: 'not_found', message: 'Case not found.' }]);
    expect([...afterBulk(result)]).toEqual(['c120']);
  });

  it('counts a chunk refused as a whole, and those not sent yet, as failed with the server’s message', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => `c${i}`);
    let calls = 0;
    const result = await sendBulk(ids, { assigneeId: 'gone' }, async (body) => {
      calls++;
      if (calls === 2) throw new ApiError(422, 'unknown_assignee', 'That agent does not exist or is inactive.');
      return { updated: body.ids.map(view), failed: [] };
    });
    expect(calls).toBe(2);
    expect(result.updated).toHaveLength(100);
    expect(result.failed).toHaveLength(101);
    expect(result.failed[0]).toEqual({ id: 'c100', code: 'unknown_assignee', message: 'That agent does not exist or is inactive.' });
    expect(afterBulk(result).has('c200')).toBe(true);
  });

  it('names each failure by its reference when the list knows it, and by its id otherwise', () => {
    const result: BulkResult = {
      updated: [],
      failed: [
        { id: 'a', code: 'not_found', message: 'Case not found.' },
        { id: 'zz', code: 'not_found', message: 'Case not found.' },
      ],
    };
    const refs = new Map([['a', 'SP-0004']]);
    expect(describeFailures(result.failed, (id) => refs.get(id))).toEqual([
      { id: 'a', reference: 'SP-0004', message: 'Case not found.' },
      { id: 'zz', reference: 'zz', message: 'Case not found.' },
    ]);
  });

  it('groups the failures by the server’s reason for the toast', () => {
    expect(
      failuresByReason([
        { reference: 'SP-1', message: 'That agent does not exist or is deactivated.' },
        { reference: 'SP-2', message: 'Case not found.' },
        { reference: 'SP-3', message: 'That agent does not exist or is deactivated.' },
      ]),
    ).toEqual([
      { message: 'That agent does not exist or is deactivated.', references: ['SP-1', 'SP-3'] },
      { message: 'Case not found.', references: ['SP-2'] },
    ]);
  });
});
