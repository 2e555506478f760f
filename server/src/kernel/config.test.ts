import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', SAPA_DATA_DIR: './data', SAPA_DEMO: false, SAPA_MAX_UPLOAD_MB: 10 });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SAPA_DEMO: 'maybe', SAPA_MIN_APP_VERSION: 'v5' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT="eighty"', 'DATABASE_URL="mysql://x"', 'SAPA_DEMO="maybe"', 'SAPA_MIN_APP_VERSION="v5"']) expect(message).toContain(name);
  });

  it('refuses a time zone the runtime does not know', () => {
    expect(() => loadConfig({ SAPA_TIMEZONE: 'Asia/Atlantis' })).toThrow(/SAPA_TIMEZONE.*IANA time zone/);
    expect(loadConfig({ SAPA_TIMEZONE: 'Asia/Shanghai' }).SAPA_TIMEZONE).toBe('Asia/Shanghai');
  });

  it('needs a password with the bootstrap admin email', () => {
    expect(() => loadConfig({ SAPA_ADMIN_EMAIL: 'a@b.c' })).toThrow(/SAPA_ADMIN_PASSWORD/);
    expect(loadConfig({ SAPA_ADMIN_EMAIL: 'a@b.c', SAPA_ADMIN_PASSWORD: 'x' }).SAPA_ADMIN_EMAIL).toBe('a@b.c');
  });

  it('treats empty strings as unset and parses flags', () => {
    const c = loadConfig({ REDIS_URL: '', SAPA_DEMO: 'yes', SAPA_SMTP_PORT: '' });
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.SAPA_DEMO).toBe(true);
    expect(c.SAPA_SMTP_PORT).toBeUndefined();
  });
});
