import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, query } from '../api';
import { Icon, type IconName } from '../components/Icon';
import { Spinner, toast } from '../components/ui';
import { t, useLocale, type MessageKey } from '../i18n';
import { useConsole } from '../state';
import type { AssistantChannel as Channel, AssistantSettings as Settings } from '../types';
import { AssistantModel } from './AssistantModel';
import { NotWorking } from './NotWorking';

// Where the assistant answers customers first: the chat channels an admin turns it on for, and the wallet's name, by
// which it tells the customer's wallet from other companies' (GET/PUT /support/settings/assistant). The web and app
// widget always asks it first. A channel this Sapa is not configured for says so: answering first there reaches nobody.

type AnswersFirst = Settings['answersFirst'];
const channels: { id: Channel; icon: IconName; label: MessageKey; help: MessageKey }[] = [
  { id: 'whatsapp', icon: 'whatsapp', label: 'assistant.channel.whatsapp', help: 'assistant.channel.whatsappHelp' },
  { id: 'telegram', icon: 'telegram', label: 'assistant.channel.telegram', help: 'assistant.channel.telegramHelp' },
  { id: 'app', icon: 'smartphone', label: 'assistant.channel.app', help: 'assistant.channel.appHelp' },
];

export default function Assistant() {
  const c = useConsole();
  const locale = useLocale();
  const [value, setValue] = useState<AnswersFirst | null>(null);
  const [unavailable, setUnavailable] = useState<Settings['unavailable'] | null>(null);
  const [saving, setSaving] = useState<Channel | 'walletName' | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const loaded = useRef(false);

  // Asked again in the language on screen when it changes: why a channel cannot work is written by the server.
  useEffect(() => {
    const ctrl = new AbortController();
    api.get<Settings>(`/support/settings/assistant${query({ locale })}`, { signal: ctrl.signal }).then(
      (r) => {
        setUnavailable(r.unavailable);
        // Only the first answer fills the form: a language switch must not undo what the admin is typing.
        if (!loaded.current) {
          loaded.current = true;
          setValue(r.answersFirst);
          setName(r.walletName ?? '');
        }
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted) setError(e instanceof ApiError ? e.message : String(e));
      },
    );
    return () => ctrl.abort();
  }, [locale]);

  const toggle = async (channel: Channel, on: boolean) => {
    const before = value;
    // The box shows the choice at once (a checkbox that waits for the server looks broken); a failed save puts it back.
    if (before) setValue({ ...before, [channel]: on });
    setSaving(channel);
    try {
      const r = await api.put<Settings>(`/support/settings/assistant${query({ locale })}`, { answersFirst: { [channel]: on } });
      setValue(r.answersFirst);
      setUnavailable(r.unavailable);
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
      const r = await api.put<Settings>(`/support/settings/assistant${query({ locale })}`, { walletName: name });
      setName(r.walletName ?? '');
      setUnavailable(r.unavailable);
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
            {channels.map((ch) => {
              const problem = unavailable?.[ch.id];
              const problemId = `assistant-${ch.id}-not-working`;
              return (
                <div key={ch.id} className="assistant-channel">
                  <label className="check">
                    <input
                      type="checkbox"
                      name={ch.id}
                      checked={value[ch.id]}
                      disabled={!c.isAdmin || saving !== null}
                      onChange={(e) => void toggle(ch.id, e.target.checked)}
                      aria-describedby={problem ? problemId : undefined}
                    />
                    <span>
                      <strong>
                        <Icon name={ch.icon} size={14} /> {t(ch.label)}
                      </strong>
                      <small className="muted">{t(ch.help)}</small>
                    </span>
                  </label>
                  {problem && (
                    <NotWorking id={problemId} reason={problem}>
                      {value[ch.id] && t('assistant.unavailableOn')}
                    </NotWorking>
                  )}
                </div>
              );
            })}
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
      <AssistantModel />
    </div>
  );
}
