import { useCallback, useEffect, useState } from 'react';
import { resetTwoFactorGate } from './account/gate';
import { ApiError, api, hasCsrf, onSignedOut, setCsrf } from './api';
import { Toasts, Spinner } from './components/ui';
import { loadLocale, toLocale } from './i18n';
import { Login } from './screens/Login';
import { Shell } from './screens/Shell';
import { ConsoleProvider } from './state';
import type { User } from './types';

type Session = { status: 'checking' } | { status: 'signed-out'; notice?: string } | { status: 'signed-in'; me: User };

export function App() {
  const [session, setSession] = useState<Session>({ status: hasCsrf() ? 'checking' : 'signed-out' });

  // Whoever signs in next in this tab is held back only if the server says so again.
  useEffect(() => {
    if (session.status === 'signed-out') resetTwoFactorGate();
  }, [session.status]);

  const signedIn = useCallback(async (me: User) => {
    await loadLocale(toLocale(me.locale) ?? 'en');
    setSession({ status: 'signed-in', me });
  }, []);

  // A reload keeps the session: the CSRF token survives in this tab's sessionStorage, the cookie in the browser.
  useEffect(() => {
    if (session.status !== 'checking') return;
    api
      .get<User>('/me', { anonymous: true })
      .then((me) => (me.kind === 'agent' ? signedIn(me) : setSession({ status: 'signed-out' })))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setCsrf(null);
        setSession({ status: 'signed-out' });
      });
  }, [session.status, signedIn]);

  useEffect(
    () =>
      onSignedOut(() => {
        setCsrf(null);
        setSession({ status: 'signed-out', notice: 'expired' });
      }),
    [],
  );

  if (session.status === 'checking') {
    return (
      <div className="boot">
        <Spinner />
      </div>
    );
  }
  return (
    <>
      {session.status === 'signed-out' ? (
        <Login onSignedIn={signedIn} expired={session.notice === 'expired'} />
      ) : (
        <ConsoleProvider me={session.me} onSignedOut={() => setSession({ status: 'signed-out' })}>
          <Shell />
        </ConsoleProvider>
      )}
      <Toasts />
    </>
  );
}
