import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api';
import { Icon, type IconName } from '../components/Icon';
import { Spinner, toast } from '../components/ui';
import { t, type MessageKey } from '../i18n';
import { useConsole } from '../state';

// Where the assistant answers customers first: the chat channels an admin turns it on for, and the wallet's name, by
// which it tells the customer's wallet from other companies' (GET/PUT /support/settings/assistant). The web and app
// widget always asks it first.

type Channel = 'whatsapp' | 'telegram' | 'app';
type AnswersFirst = Record<Channel, boolean>;
interface Settings {
  answersFirst: AnswersFirst;
  walletName: string | null;
}
const channels: { id: Channel; icon: IconName; label: MessageKey; help: MessageKey }[] = [
  { id: 'whatsapp', icon: 'whatsapp', label: 'assistant.channel.whatsapp', help: 'assistant.channel.whatsappHelp' },
  { id: 'telegram', icon: 'telegram', label: 'assistant.channel.telegram', help: 'assistant.channel.telegramHelp' },
  { id: 'app', icon: 'smartphone', label: 'assistant.channel.app', help: 'assistant.channel.appHelp' },
];

export default function Assistant() {
  const c = useConsole();
  const [value, setValue] = useState<AnswersFirst | null>(null);
  const [saving, setSaving] = useState<Channel | 'walletName' | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.get<Settings>('/support/settings/assistant').then(
      (r) => {
        setValue(r.answersFirst);
        setName(r.walletName ?? '');
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, []);

  const toggle = async (channel: Channel, on: boolean) => {
    const before = value;
    // The box shows the choice at once (a checkbox that waits for the server looks broken); a failed save puts it back.
    if (before) setValue({ ...before, [channel]: on });
    setSaving(channel);
    try {
      const r = await api.put<Settings>('/support/settings/assistant', { answersFirst: { [channel]: on } });
      setValue(r.answersFirst);
      toast(t('toast.saved'), 'success');
    } catch (e) {
      setValue(before);
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    } finally {
      setSaving(null);
    }
  };

  const saveName = async (e: FormEvent) => {
    e.preventDefault();
    setSaving('walletName');
    try {
      const r = await api.put<Settings>('/support/settings/assistant', { walletName: name });
      setName(r.walletName ?? '');
      toast(t('toast.saved'), 'success');
    } catch (err) {
      toast(err instanceof ApiError ? err.message : String(err), 'error');
    } finally {
      setSaving(null);
    }
  };

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('assistant.title')}</h1>
          <p className="muted">{c.isAdmin ? t('assistant.hint') : t('assistant.readOnly')}</p>
        </div>
      </header>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : !value ? (
        <Spinner />
      ) : (
        <section className="card">
          <fieldset className="field assistant-channels">
            <legend>{t('assistant.answersFirst')}</legend>
            {channels.map((ch) => (
              <label key={ch.id} className="check">
                <input type="checkbox" name={ch.id} checked={value[ch.id]} disabled={!c.isAdmin || saving !== null} onChange={(e) => void toggle(ch.id, e.target.checked)} />
                <span>
                  <strong>
                    <Icon name={ch.icon} size={14} /> {t(ch.label)}
                  </strong>
                  <small className="muted">{t(ch.help)}</small>
                </span>
              </label>
            ))}
          </fieldset>
          <p className="muted">{t('assistant.note')}</p>
          <form onSubmit={(e) => void saveName(e)}>
            <label className="field">
              <span>{t('assistant.walletName')}</span>
              <input name="walletName" value={name} maxLength={60} disabled={!c.isAdmin || saving !== null} onChange={(e) => setName(e.target.value)} aria-describedby="wallet-name-help" />
              <small id="wallet-name-help" className="muted">
                {t('assistant.walletNameHelp')}
              </small>
            </label>
            {c.isAdmin && (
              <div className="form-actions">
                <button type="submit" className="button primary" disabled={saving !== null}>
                  {t('assistant.walletNameSave')}
                </button>
              </div>
            )}
          </form>
        </section>
      )}
    </div>
  );
}
