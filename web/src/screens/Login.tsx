import { useRef, useState, type FormEvent } from 'react';
import { ApiError, api, setCsrf } from '../api';
import { Icon } from '../components/Icon';
import { languageNames, loadLocale, t, useLocale } from '../i18n';
import { locales, type Locale, type User } from '../types';

export function Login({ onSignedIn, expired }: { onSignedIn: (me: User) => Promise<void>; expired?: boolean }) {
  const locale = useLocale();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [needOtp, setNeedOtp] = useState(false);
  // The second factor is the app's 6-digit code, or (phone lost) one of the recovery codes: the field changes with it.
  const [recovery, setRecovery] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(expired ? t('login.expired') : null);
  const otpRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ user: User; csrfToken: string }>('/auth/login', { login, password, ...(needOtp && otp ? { otp } : {}) }, { anonymous: true });
      setCsrf(r.csrfToken);
      if (r.user.kind !== 'agent') {
        // A customer account signed in: this console is not for them, so end that session right away.
        await api.post('/auth/logout').catch(() => undefined);
        setCsrf(null);
        setError(t('login.notAgent'));
        return;
      }
      const me = await api.get<User>('/me');
      await onSignedIn(me);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'otp_required') {
        setNeedOtp(true);
        setTimeout(() => otpRef.current?.focus(), 0);
      } else if (err instanceof ApiError && err.status === 0) setError(t('login.unreachable'));
      else setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <div className="login-card">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          <div>
            <h1>{t('login.title')}</h1>
            <p className="muted">{t('login.subtitle')}</p>
          </div>
        </div>
        <form onSubmit={submit} noValidate>
          <label className="field">
            <span>{t('login.email')}</span>
            <input type="email" name="login" autoComplete="username" required autoFocus value={login} onChange={(e) => setLogin(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {needOtp && (
            <div className="field">
              <label className="field" style={{ margin: 0 }}>
                <span>{recovery ? t('login.recoveryCode') : t('login.otp')}</span>
                {recovery ? (
                  <input
                    key="recovery"
                    ref={otpRef}
                    type="text"
                    name="otp"
                    inputMode="text"
                    autoComplete="off"
                    autoCapitalize="none"
                    spellCheck={false}
                    maxLength={20}
                    required
                    value={otp}
                    onChange={(e) => setOtp(e.target.value)}
                    aria-describedby="otp-help"
                  />
                ) : (
                  <input
                    key="app"
                    ref={otpRef}
                    type="text"
                    name="otp"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    pattern="[0-9 ]*"
                    maxLength={12}
                    required
                    value={otp}
                    onChange={(e) => setOtp(e.target.value)}
                    aria-describedby="otp-help"
                  />
                )}
                <small id="otp-help" className="muted">
                  {recovery ? t('login.recoveryHelp') : t('login.otpHelp')}
                </small>
              </label>
              <button
                type="button"
                className="link-button"
                style={{ alignSelf: 'flex-start' }}
                onClick={() => {
                  setRecovery(!recovery);
                  setOtp('');
                  setError(null);
                  setTimeout(() => otpRef.current?.focus(), 0);
                }}
              >
                {recovery ? t('login.useApp') : t('login.useRecovery')}
              </button>
            </div>
          )}
          {error && (
            <p className="form-error" role="alert">
              <Icon name="alert" size={14} /> {error}
            </p>
          )}
          <button type="submit" className="button primary block" disabled={busy}>
            {busy ? t('login.signingIn') : t('login.submit')}
          </button>
        </form>
      </div>
      <label className="login-language">
        <span className="visually-hidden">{t('settings.language')}</span>
        <Icon name="globe" size={14} />
        <select value={locale} onChange={(e) => void loadLocale(e.target.value as Locale)}>
          {locales.map((l) => (
            <option key={l} value={l}>
              {languageNames[l]}
            </option>
          ))}
        </select>
      </label>
    </main>
  );
}
