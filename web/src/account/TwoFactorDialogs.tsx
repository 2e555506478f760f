import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api';
import { Icon } from '../components/Icon';
import { Dialog, Spinner, toast } from '../components/ui';
import { t } from '../i18n';
import { copyText, downloadText, groupSecret, messageOf, recoveryCodesText, svgDataUrl, type TwoFactorSetup } from './security';

// The dialogs of two-factor sign-in: turning it on (scan, confirm with a code, save the recovery codes), turning it off
// and creating new recovery codes (both proven with the password and a code). Each says the server's refusal itself.

function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      <Icon name="alert" size={14} /> <span>{error}</span>
    </p>
  );
}

/**
 * The recovery codes, shown this once: copy them, download them as a .txt, and tick that they are saved. Until it is
 * ticked the dialog does not close (Escape, the ×, the backdrop): it says why instead.
 */
function RecoveryCodes({ codes, account, onDone, guard }: { codes: string[]; account: string; onDone: () => void; guard: (check: () => boolean) => void }) {
  const [saved, setSaved] = useState(false);
  const [remind, setRemind] = useState(false);
  const savedRef = useRef(saved);
  savedRef.current = saved;
  const box = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = useId();

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    // The dialog asks before closing whether it may: not before the codes are saved.
    guard(() => {
      if (savedRef.current) return true;
      setRemind(true);
      box.current?.focus();
      return false;
    });
    const dialog = box.current?.closest('dialog');
    const onCancel = (e: Event) => {
      if (savedRef.current) return;
      e.preventDefault();
      setRemind(true);
      box.current?.focus();
    };
    dialog?.addEventListener('cancel', onCancel);
    return () => dialog?.removeEventListener('cancel', onCancel);
  }, [guard]);

  const text = () => recoveryCodesText(codes, account, new Date().toLocaleString());
  const copy = async () => {
    if (await copyText(text())) toast(t('security.codesCopied'), 'success');
    else toast(t('security.copyFailed'), 'error');
  };

  return (
    <section className="security-codes" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} ref={heading} tabIndex={-1}>
        {t('security.codesTitle')}
      </h3>
      <p className="muted">{t('security.codesIntro')}</p>
      <ol className="security-code-list" aria-label={t('security.codesList')}>
        {codes.map((c) => (
          <li key={c} className="mono">
            {c}
          </li>
        ))}
      </ol>
      <div className="security-code-actions">
        <button type="button" className="button small" onClick={() => void copy()}>
          {t('security.copyCodes')}
        </button>
        <button type="button" className="button small" onClick={() => downloadText('sapa-recovery-codes.txt', text())}>
          <Icon name="download" size={14} /> {t('security.downloadCodes')}
        </button>
      </div>
      <label className="check security-saved">
        <input
          ref={box}
          type="checkbox"
          checked={saved}
          onChange={(e) => {
            setSaved(e.target.checked);
            if (e.target.checked) setRemind(false);
          }}
          aria-describedby={remind ? `${ids}-remind` : undefined}
        />
        <span>{t('security.codesSaved')}</span>
      </label>
      {remind && (
        <p id={`${ids}-remind`} className="notice warn" role="alert">
          {t('security.codesSaveFirst')}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button primary" disabled={!saved} onClick={onDone}>
          {t('security.done')}
        </button>
      </div>
    </section>
  );
}

/** A dialog whose closing can be held back by what it shows (the recovery codes before they are saved). */
function useGuardedClose(onClose: () => void) {
  const check = useRef<(() => boolean) | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const guard = useRef((fn: () => boolean) => {
    check.current = fn;
  }).current;
  const close = () => {
    // Closed by the browser already (a second Escape cannot be held back): let it go.
    const stillOpen = root.current?.closest('dialog')?.open ?? false;
    if (stillOpen && check.current && !check.current()) return;
    check.current = null;
    onClose();
  };
  return { root, guard, close, reset: () => (check.current = null) };
}

/** The code field of the forms that prove it is the owner: an app code or a recovery code, so plain text. */
function ProofCode({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return (
    <label className="field">
      <span>{t('security.proofCode')}</span>
      <input type="text" name="code" autoComplete="one-time-code" autoCapitalize="none" spellCheck={false} maxLength={20} required value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-code-help`} />
      <small id={`${id}-code-help`} className="muted">
        {t('security.proofCodeHelp')}
      </small>
    </label>
  );
}

/**
 * Turns on two-factor sign-in: POST /me/two-factor for a new secret (the QR code and the key to type), a code from the
 * app to confirm it (POST /me/two-factor/confirm), then the ten recovery codes, shown once.
 */
export function TwoFactorSetupDialog({ open, account, onClose, onChanged }: { open: boolean; account: string; onClose: () => void; onChanged: () => void }) {
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();
  const codeInput = useRef<HTMLInputElement>(null);
  const { root, guard, close, reset } = useGuardedClose(onClose);

  // Each opening starts a new set-up: a secret that was shown and not confirmed is replaced.
  useEffect(() => {
    if (!open) return;
    setSetup(null);
    setCode('');
    setCodes(null);
    setError(null);
    setBusy(false);
    reset();
    let live = true;
    api.post<TwoFactorSetup>('/me/two-factor').then(
      (s) => {
        if (!live) return;
        setSetup(s);
        setTimeout(() => codeInput.current?.focus(), 0);
      },
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [open]);

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ recoveryCodes: string[] }>('/me/two-factor/confirm', { code: code.trim() });
      setCodes(r.recoveryCodes);
      onChanged();
      toast(t('security.turnedOn'), 'success');
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.code === 'invalid_otp') {
        setCode('');
        codeInput.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  const copyKey = async () => {
    if (setup && (await copyText(setup.secret))) toast(t('security.keyCopied'), 'success');
    else toast(t('security.copyFailed'), 'error');
  };

  return (
    <Dialog open={open} onClose={close} title={t('security.setupTitle')} wide>
      <div ref={root} className="security-dialog">
        {codes ? (
          <RecoveryCodes codes={codes} account={account} onDone={close} guard={guard} />
        ) : !setup ? (
          error ? <FormError error={error} /> : <Spinner label={t('security.setupStarting')} />
        ) : (
          <div className="security-setup">
            <p>{t('security.setupScan')}</p>
            <div className="security-scan">
              <img className="security-qr" src={svgDataUrl(setup.qrSvg)} alt={t('security.qrAlt')} width={184} height={184} />
              <div className="security-manual">
                <p className="muted" id={`${ids}-manual`}>
                  {t('security.setupManual')}
                </p>
                <p className="security-secret-row">
                  <span className="visually-hidden">{t('security.secretLabel')}: </span>
                  <code className="security-secret">{groupSecret(setup.secret)}</code>
                  <button type="button" className="button small" onClick={() => void copyKey()}>
                    {t('security.copyKey')}
                  </button>
                </p>
              </div>
            </div>
            <form onSubmit={(e) => void confirm(e)} noValidate>
              <label className="field security-code-field">
                <span>{t('security.setupCode')}</span>
                <input
                  ref={codeInput}
                  type="text"
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9 ]*"
                  maxLength={7}
                  required
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  aria-describedby={`${ids}-code-help`}
                />
                <small id={`${ids}-code-help`} className="muted">
                  {t('security.setupCodeHelp')}
                </small>
              </label>
              <FormError error={error} />
              <div className="form-actions">
                <button type="button" className="button ghost" onClick={close} disabled={busy}>
                  {t('common.cancel')}
                </button>
                <button type="submit" className="button primary" disabled={busy || code.replace(/\D/g, '').length !== 6}>
                  {busy ? t('security.confirming') : t('security.confirm')}
                </button>
              </div>
            </form>
          </div>
        )}
      </div>
    </Dialog>
  );
}

/** Turns two-factor sign-in off (POST /me/two-factor/disable): the password and an app code or a recovery code. */
export function TwoFactorDisableDialog({ open, onClose, onChanged }: { open: boolean; onClose: () => void; onChanged: () => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();

  useEffect(() => {
    if (!open) return;
    setPassword('');
    setCode('');
    setError(null);
    setBusy(false);
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.post('/me/two-factor/disable', { password, code: code.trim() || undefined });
      onChanged();
      toast(t('security.turnedOff'), 'success');
      onClose();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} title={t('security.disableTitle')}>
      <form className="security-dialog" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">{t('security.disableIntro')}</p>
        <label className="field">
          <span>{t('security.password')}</span>
          <input type="password" name="password" autoComplete="current-password" required autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ProofCode id={ids} value={code} onChange={setCode} />
        <FormError error={error} />
        <div className="form-actions">
          <button type="button" className="button ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy || !password}>
            {busy ? t('security.disabling') : t('security.disable')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Replaces the recovery codes (POST /me/two-factor/recovery-codes): the password and a code, then the new codes once. */
export function RecoveryCodesDialog({ open, account, onClose, onChanged }: { open: boolean; account: string; onClose: () => void; onChanged: () => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();
  const { root, guard, close, reset } = useGuardedClose(onClose);

  useEffect(() => {
    if (!open) return;
    setPassword('');
    setCode('');
    setCodes(null);
    setError(null);
    setBusy(false);
    reset();
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ recoveryCodes: string[] }>('/me/two-factor/recovery-codes', { password, code: code.trim() });
      setCodes(r.recoveryCodes);
      onChanged();
      toast(t('security.codesRenewed'), 'success');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} title={t('security.renewTitle')} wide={Boolean(codes)}>
      <div ref={root} className="security-dialog">
        {codes ? (
          <RecoveryCodes codes={codes} account={account} onDone={close} guard={guard} />
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <p className="muted">{t('security.renewIntro')}</p>
            <label className="field">
              <span>{t('security.password')}</span>
              <input type="password" name="password" autoComplete="current-password" required autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            <ProofCode id={ids} value={code} onChange={setCode} />
            <FormError error={error} />
            <div className="form-actions">
              <button type="button" className="button ghost" onClick={close} disabled={busy}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="button primary" disabled={busy || !password || !code.trim()}>
                {busy ? t('security.renewing') : t('security.renew')}
              </button>
            </div>
          </form>
        )}
      </div>
    </Dialog>
  );
}
