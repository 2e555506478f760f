import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api';
import { Icon } from '../components/Icon';
import { Dialog, Spinner, toast } from '../components/ui';
import { dateTime, relative } from '../format';
import { t, useLocale } from '../i18n';
import { href } from '../router';
import { useConsole } from '../state';
import { useTwoFactorRequired } from './gate';
import { eventText, FEW_CODES_LEFT, messageOf, RECOVERY_CODES, type SecurityOverview, type SecurityPolicy, type SignedInDevice } from './security';
import { RecoveryCodesDialog, TwoFactorDisableDialog, TwoFactorSetupDialog } from './TwoFactorDialogs';
import './security.css';

// My account → Security (/account/security), for every agent: two-factor sign-in (turn on with an authenticator app,
// recovery codes, turn off), the password, the browsers signed in to the account (sign out the others) and the
// account's recent activity. Everything comes from GET /me/security, read again after each change. Supervisors also see
// the desk's policy (GET /security/settings), which admins switch: two-factor sign-in required of every agent. An agent
// the policy holds back (account/gate) is sent here, with a banner, until theirs is on.

function ErrorLine({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      <Icon name="alert" size={14} /> <span>{error}</span>
    </p>
  );
}

function When({ iso, locale }: { iso: string; locale: string }) {
  return (
    <time dateTime={iso} title={relative(iso, locale)}>
      {dateTime(iso, locale)}
    </time>
  );
}

type Open = null | 'setup' | 'disable' | 'renew';

function TwoFactorCard({ overview, account, onChanged, onSetUp }: { overview: SecurityOverview; account: string; onChanged: () => void; onSetUp: () => void }) {
  const [open, setOpen] = useState<Open>(null);
  // Turned on in the set-up dialog: once it closes (the recovery codes saved), `onSetUp` follows.
  const turnedOn = useRef(false);
  const left = overview.recoveryCodesLeft;
  return (
    <section className="card security-two-factor" aria-labelledby="security-2fa-title">
      <div className="card-head">
        <h2 id="security-2fa-title">{t('security.twoFactor')}</h2>
        <span className={`pill security-state ${overview.twoFactor ? 'on' : 'off'}`} data-state={overview.twoFactor ? 'on' : 'off'}>
          {overview.twoFactor ? t('security.on') : t('security.off')}
        </span>
      </div>
      <p className="muted">{overview.twoFactor ? t('security.onHelp') : t('security.offHelp')}</p>
      {overview.twoFactor && (
        <>
          <p className="security-codes-left">{t('security.codesLeft', { n: left, total: RECOVERY_CODES })}</p>
          {left <= FEW_CODES_LEFT && (
            <p className="notice warn security-codes-low" role="status">
              <Icon name="alert" size={14} /> {left === 0 ? t('security.codesNone') : t('security.codesLow')}
            </p>
          )}
        </>
      )}
      <div className="card-actions security-actions">
        {overview.twoFactor ? (
          <>
            <button type="button" className="button" onClick={() => setOpen('renew')}>
              {t('security.newCodes')}
            </button>
            <button type="button" className="button" onClick={() => setOpen('disable')}>
              {t('security.turnOff')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              turnedOn.current = false;
              setOpen('setup');
            }}
          >
            <Icon name="lock" size={14} /> {t('security.turnOn')}
          </button>
        )}
      </div>
      <TwoFactorSetupDialog
        open={open === 'setup'}
        account={account}
        onClose={() => {
          setOpen(null);
          if (turnedOn.current) onSetUp();
        }}
        onChanged={() => {
          turnedOn.current = true;
          onChanged();
        }}
      />
      <TwoFactorDisableDialog open={open === 'disable'} onClose={() => setOpen(null)} onChanged={onChanged} />
      <RecoveryCodesDialog open={open === 'renew'} account={account} onClose={() => setOpen(null)} onChanged={onChanged} />
    </section>
  );
}

/**
 * The desk's policy: two-factor sign-in required of every agent. Admins switch it (PUT /security/settings; refused
 * with 422 two_factor_needed_first while their own is off, said in the card); supervisors read it.
 */
function PolicyCard() {
  const c = useConsole();
  const [policy, setPolicy] = useState<SecurityPolicy | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    api.get<SecurityPolicy>('/security/settings', { signal: ctrl.signal }).then(setPolicy, (e: unknown) => {
      if (!ctrl.signal.aborted) setLoadError(`${t('security.policyLoadFailed')}: ${messageOf(e)}`);
    });
    return () => ctrl.abort();
  }, []);

  const toggle = async (requireAgentTwoFactor: boolean) => {
    if (!policy || saving) return;
    const before = policy;
    // The switch moves at once; a refusal puts it back and says why.
    setPolicy({ requireAgentTwoFactor });
    setSaving(true);
    setError(null);
    try {
      const saved = await api.put<SecurityPolicy>('/security/settings', { requireAgentTwoFactor });
      setPolicy(saved);
      toast(saved.requireAgentTwoFactor ? t('security.policyOn') : t('security.policyOff'), 'success');
    } catch (e) {
      setPolicy(before);
      setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card security-policy" aria-labelledby="security-policy-title">
      <h2 id="security-policy-title">{t('security.policy')}</h2>
      <ErrorLine error={loadError} />
      {!policy ? (
        !loadError && <Spinner />
      ) : (
        <label className="check">
          <input
            type="checkbox"
            role="switch"
            checked={policy.requireAgentTwoFactor}
            disabled={!c.isAdmin || saving}
            onChange={(e) => void toggle(e.target.checked)}
            aria-describedby="security-policy-help"
          />
          <span>
            <strong>{t('security.policyRequire')}</strong>
            <small id="security-policy-help" className="muted">
              {t('security.policyHelp')}
              {!c.isAdmin && ` ${t('security.policyReadOnly')}`}
            </small>
          </span>
        </label>
      )}
      <ErrorLine error={error} />
    </section>
  );
}

/** POST /me/password: the current password and a new one (typed twice); the server says when it is too weak. */
function PasswordCard({ account, onChanged }: { account: string; onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (next !== repeat) {
      setError(t('security.passwordMismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post('/me/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      toast(t('security.passwordChanged'), 'success');
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card security-password" aria-labelledby="security-password-title">
      <h2 id="security-password-title">{t('security.changePassword')}</h2>
      <p className="muted" id={`${ids}-help`}>
        {t('security.changePasswordHelp')}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {/* The account's login, for password managers saving the new password under the right name. */}
        <input type="text" name="username" autoComplete="username" value={account} readOnly hidden />
        <label className="field">
          <span>{t('security.currentPassword')}</span>
          <input type="password" name="current-password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('security.newPassword')}</span>
          <input type="password" name="new-password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} aria-describedby={`${ids}-help`} />
        </label>
        <label className="field">
          <span>{t('security.repeatPassword')}</span>
          <input type="password" name="repeat-password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </label>
        <ErrorLine error={error} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy || !current || !next || !repeat}>
            {busy ? t('security.savingPassword') : t('security.savePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Signs out one of the other devices (DELETE /me/sessions/:id), after saying which. */
function SignOutDialog({ device, locale, onClose, onDone }: { device: SignedInDevice | null; locale: string; onClose: () => void; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setError(null);
    setBusy(false);
  }, [device]);

  const signOut = async () => {
    if (!device) return;
    setBusy(true);
    setError(null);
    try {
      await api.delete(`/me/sessions/${encodeURIComponent(device.id)}`);
      toast(t('security.signedOut'), 'success');
      onDone();
      onClose();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
      // Gone already (signed out elsewhere, or expired): the list says so once read again.
      if (err instanceof ApiError && err.status === 404) onDone();
    }
  };

  return (
    <Dialog open={device !== null} onClose={onClose} title={t('security.signOutTitle')}>
      {device && (
        <div className="security-dialog">
          <p>{t('security.signOutBody', { device: device.device ?? t('security.unknownDevice'), ip: device.ip ?? '—', since: dateTime(device.createdAt, locale) })}</p>
          <ErrorLine error={error} />
          <div className="form-actions">
            <button type="button" className="button ghost" onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </button>
            <button type="button" className="button primary" onClick={() => void signOut()} disabled={busy}>
              {busy ? t('security.signingOut') : t('security.signOutDevice')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function DevicesCard({ sessions, locale, onChanged }: { sessions: SignedInDevice[]; locale: string; onChanged: () => void }) {
  const [ending, setEnding] = useState<SignedInDevice | null>(null);
  return (
    <section className="card security-devices" aria-labelledby="security-devices-title">
      <h2 id="security-devices-title">{t('security.devices')}</h2>
      <p className="muted">{t('security.devicesHelp')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('security.device')}</th>
            <th scope="col">{t('security.ip')}</th>
            <th scope="col">{t('security.since')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('security.signOutDevice')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-session={s.id} data-current={s.current || undefined}>
              <td>
                <Icon name="monitor" size={14} /> {s.device ?? t('security.unknownDevice')}
                {s.current && <span className="pill security-this-device">{t('security.thisDevice')}</span>}
              </td>
              <td className="mono">{s.ip ?? '—'}</td>
              <td>
                <When iso={s.createdAt} locale={locale} />
              </td>
              <td className="actions">
                {!s.current && (
                  <button type="button" className="button small" onClick={() => setEnding(s)}>
                    {t('security.signOutDevice')}
                    <span className="visually-hidden">
                      {' '}
                      {s.device ?? t('security.unknownDevice')} · {dateTime(s.createdAt, locale)}
                    </span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SignOutDialog device={ending} locale={locale} onClose={() => setEnding(null)} onDone={onChanged} />
    </section>
  );
}

function ActivityCard({ events, locale }: { events: SecurityOverview['events']; locale: string }) {
  return (
    <section className="card security-activity" aria-labelledby="security-activity-title">
      <h2 id="security-activity-title">{t('security.activity')}</h2>
      <p className="muted">{t('security.activityHelp')}</p>
      {events.length === 0 ? (
        <p className="muted">{t('security.activityNone')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('security.what')}</th>
              <th scope="col">{t('security.when')}</th>
              <th scope="col">{t('security.device')}</th>
              <th scope="col">{t('security.ip')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e, i) => (
              <tr key={`${e.at}:${e.type}:${i}`} data-event={e.type}>
                <td>{eventText(e.type)}</td>
                <td>
                  <When iso={e.at} locale={locale} />
                </td>
                <td>{e.device ?? t('security.unknownDevice')}</td>
                <td className="mono">{e.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default function Security() {
  const c = useConsole();
  const locale = useLocale();
  const twoFactorRequired = useTwoFactorRequired();
  const [overview, setOverview] = useState<SecurityOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = () => setTick((n) => n + 1);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<SecurityOverview>('/me/security', { signal: ctrl.signal }).then(
      (o) => {
        setOverview(o);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(`${t('security.loadFailed')}: ${messageOf(e)}`);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [tick]);

  const account = c.me.email ?? c.me.name;
  // Held back by the desk's policy until now: the whole console starts again, signed in, at the inbox.
  const setUp = () => {
    if (twoFactorRequired) window.location.assign(href('/'));
  };
  return (
    <div className="page security" aria-busy={loading}>
      <header className="page-head">
        <div>
          <h1>{t('security.title')}</h1>
          <p className="muted">{t('security.hint', { who: account })}</p>
        </div>
        <button type="button" className="button ghost small" onClick={reload} disabled={loading}>
          <Icon name="refresh" size={14} /> {t('security.refresh')}
        </button>
      </header>
      {twoFactorRequired && !overview?.twoFactor && (
        <div className="notice warn security-required" role="alert">
          <Icon name="lock" size={16} />
          <div>
            <p>
              <strong>{t('security.required')}</strong>
            </p>
            <p>{t('security.requiredHelp')}</p>
          </div>
        </div>
      )}
      <ErrorLine error={error} />
      {!overview ? (
        !error && (
          <div className="pane-loading">
            <Spinner />
          </div>
        )
      ) : (
        <>
          <div className="cards security-cards">
            <TwoFactorCard overview={overview} account={account} onChanged={reload} onSetUp={setUp} />
            <PasswordCard account={account} onChanged={reload} />
            {c.isSupervisor && !twoFactorRequired && <PolicyCard />}
          </div>
          <DevicesCard sessions={overview.sessions} locale={locale} onChanged={reload} />
          <ActivityCard events={overview.events} locale={locale} />
        </>
      )}
    </div>
  );
}
