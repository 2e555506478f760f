import { useEffect, useState } from 'react';
import { ApiError, api, query } from '../api';
import { Icon, type IconName } from '../components/Icon';
import { Empty, Spinner } from '../components/ui';
import { t, useLocale, type MessageKey } from '../i18n';
import type { ChannelSettings, SupportChannelId } from '../types';
import { NotWorking } from './NotWorking';

// Every way customers can reach support (GET /support/settings): offered or not, its contact, and whether it can work
// on this Sapa at all. A channel switched on but not configured is listed to customers as unavailable, so the admin
// sees that here, with the settings to give, instead of a channel that merely looks "on".

const channelMeta: Record<SupportChannelId, { icon: IconName; name: MessageKey }> = {
  live_chat: { icon: 'forum', name: 'channels.name.live_chat' },
  assistant: { icon: 'zap', name: 'channels.name.assistant' },
  email: { icon: 'mail', name: 'channels.name.email' },
  phone_callback: { icon: 'phone', name: 'channels.name.phone_callback' },
  security_line: { icon: 'lock', name: 'channels.name.security_line' },
  whatsapp: { icon: 'whatsapp', name: 'channels.name.whatsapp' },
  telegram: { icon: 'telegram', name: 'channels.name.telegram' },
  community_forum: { icon: 'users', name: 'channels.name.community_forum' },
  help_center: { icon: 'book', name: 'channels.name.help_center' },
};

export default function Channels() {
  const locale = useLocale();
  const [data, setData] = useState<ChannelSettings | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Asked in the language on screen: the reasons are written by the server, and the agent's saved language can lag
  // a switch by a few seconds (sessions are cached).
  useEffect(() => {
    const ctrl = new AbortController();
    api.get<ChannelSettings>(`/support/settings${query({ locale })}`, { signal: ctrl.signal }).then(
      (r) => {
        setData(r);
        setError(null);
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted) setError(e instanceof ApiError ? e.message : String(e));
      },
    );
    return () => ctrl.abort();
  }, [locale]);

  if (!data) {
    return error ? <Empty icon="alert" title={error} /> : <div className="pane-loading"><Spinner /></div>;
  }
  const broken = data.items.filter((c) => c.enabled && c.unavailable);
  const names = new Intl.ListFormat(locale, { type: 'conjunction' });
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('channels.title')}</h1>
          <p className="muted">{t('channels.hint')}</p>
        </div>
      </header>
      {broken.length > 0 && (
        <p className="notice warn channels-broken">
          <Icon name="alert" size={13} /> {t('channels.brokenSummary', { channels: names.format(broken.map((c) => t(channelMeta[c.id].name))) })}
        </p>
      )}
      <table className="table card channels-table">
        <thead>
          <tr>
            <th scope="col">{t('channels.channel')}</th>
            <th scope="col">{t('channels.offered')}</th>
            <th scope="col">{t('channels.contact')}</th>
            <th scope="col">{t('channels.setup')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((c) => (
            <tr key={c.id} className={c.enabled ? undefined : 'inactive'}>
              <th scope="row">
                <span className="channel-name">
                  <Icon name={channelMeta[c.id].icon} size={14} /> {t(channelMeta[c.id].name)}
                </span>
              </th>
              <td>
                <span className={`pill ${c.enabled ? 'channel-on' : 'channel-off'}`}>{c.enabled ? t('channels.on') : t('channels.off')}</span>
              </td>
              <td>{c.contact ?? c.url ?? <span className="muted">—</span>}</td>
              <td className="channel-setup">{c.unavailable ? <NotWorking reason={c.unavailable} /> : <span className="pill channel-ready">{t('channels.ready')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('channels.editNote')}</p>
    </div>
  );
}
