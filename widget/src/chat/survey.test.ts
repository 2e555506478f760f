import { describe, expect, it } from 'vitest';
import { surveyOf, surveyQuestion, type MessageView } from './model.js';

const token = 'Zm9vYmFyYmF6cXV4LXF1dXgtY29yZ2U_Z3JhcA';
const message = (kind: string, metadata: Record<string, unknown> | null, body = ''): MessageView => ({
  id: 'm1',
  caseId: 'c1',
  seq: 4,
  author: { kind, id: null, name: null },
  body,
  clientMessageId: 'csat:1',
  attachments: [],
  metadata,
  createdAt: new Date().toISOString(),
});

describe('survey messages', () => {
  it('are system messages with a survey token in their metadata', () => {
    const survey = { token, scale: 5, expiresAt: '2030-01-01T00:00:00.000Z' };
    expect(surveyOf(message('system', { survey, outbound: true }))).toEqual({ token, expiresAt: '2030-01-01T00:00:00.000Z' });
    // Only Sapa asks: the same metadata on anything else (or a malformed token) is an ordinary message.
    expect(surveyOf(message('agent', { survey }))).toBeNull();
    expect(surveyOf(message('system', { survey: { token: '../../cases' } }))).toBeNull();
    expect(surveyOf(message('system', { outbound: true }))).toBeNull();
    expect(surveyOf(message('system', null))).toBeNull();
  });

  it('show their question without the link, in each language', () => {
    const url = `http://127.0.0.1:3000/survey/${token}`;
    expect(surveyQuestion(`Your case SP-AB12 is resolved. How did we do? Rate our help from 1 to 5 (it takes a few seconds): ${url}`, token)).toBe(
      'Your case SP-AB12 is resolved. How did we do? Rate our help from 1 to 5 (it takes a few seconds)',
    );
    expect(surveyQuestion(`您的工单 SP-AB12 已解决。您对我们的服务满意吗？请打 1 到 5 分（只需几秒钟）：${url}`, token)).toBe('您的工单 SP-AB12 已解决。您对我们的服务满意吗？请打 1 到 5 分（只需几秒钟）');
    // Another address is left alone.
    expect(surveyQuestion('See https://example.com/help', token)).toBe('See https://example.com/help');
  });
});
