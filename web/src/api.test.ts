import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, onReachability, request } from './api';

const reply = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('what the console counts as Sapa being down', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a dropped connection, a gateway error, or a 503 that is not about one dependency', () => {
    expect(new ApiError(0, 'network_error', '').unreachable).toBe(true);
    expect(new ApiError(502, 'http_502', '').unreachable).toBe(true);
    expect(new ApiError(504, 'http_504', '').unreachable).toBe(true);
    expect(new ApiError(503, 'http_503', '').unreachable).toBe(true);
    expect(new ApiError(503, 'database_unavailable', '').unreachable).toBe(true);
    expect(new ApiError(503, 'retrain_failed', '').unreachable).toBe(false);
    expect(new ApiError(503, 'wallet_unavailable', '').unreachable).toBe(false);
    expect(new ApiError(422, 'validation_failed', '').unreachable).toBe(false);
  });

  it('tells the connection indicator so, request by request', async () => {
    const seen: boolean[] = [];
    const off = onReachability((ok) => seen.push(ok));
    const answers = [reply(503, { error: { code: 'retrain_failed', message: 'The new model could not be trained.' } }), reply(503, { error: 'Service Unavailable', statusCode: 503 }), reply(200, { ok: true }), reply(204)];
    vi.stubGlobal('fetch', async () => answers.shift()!);
    await expect(request('POST', '/assistant/model/retrain')).rejects.toMatchObject({ status: 503, code: 'retrain_failed', message: 'The new model could not be trained.' });
    await expect(request('GET', '/cases')).rejects.toMatchObject({ status: 503, code: 'http_503' });
    await expect(request('GET', '/cases')).resolves.toEqual({ ok: true });
    await expect(request('DELETE', '/assistant/model')).resolves.toBeUndefined();
    off();
    expect(seen).toEqual([true, false, true, true]);
  });
});
