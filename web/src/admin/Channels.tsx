import { useEffect, useState } from 'react';
import { ApiError, api, query } from '../api';
import { Icon, type IconName } from '../components/Icon';
import { Empty, Spinner } from '../components/ui';
import { t, useLocale, type MessageKey } from '../i18n';
import { useConsole } from '../state';
import type { ChannelSetting, ChannelSettings, SupportChannelId } from '../types';
import { ChannelEditor, type ContactKind } from './ChannelEditor';
import { hoursSummary, responseTime } from './channelText';
import { Holidays } from './Holidays';
import { NotWorking } from './NotWorking';
import { OfficialContacts } from './OfficialContacts';

// Every way customers can reach support (GET /support/settings): offered or not, its contact, and whether it can work
// on this Sapa at all. A channel switched on but not configured is listed to customers as unavailable, so the admin
// sees that here, with the settings to give, instead of a channel that merely looks "on". Admins change a channel
// here (the API lets supervisors only read), and the desk's holidays below, when channels with hours are closed;
// supervisors and admins keep the official numbers and sites.

// What each channel's contact is, and whether a link to it means anything (the web chats open Sapa's own pages).
const channelMeta: Record<SupportChannelId, { icon: IconName; name: MessageKey; contact?: ContactKind; url?: boolean }> = {
  live_chat: { icon: 'forum', name: 'channels.name.live_chat', url: true },
  assistant: { icon: 'zap', name: 'channels.name.assistant', url: true },
  email: { icon: 'mail', name: 'channels.name.email', contact: 'email' },
  phone_callback: { icon: 'phone', name: 'channels.name.phone_callback', contact: 'phone' },
  security_line: { icon: 'lock', name: 'channels.name.security_line', contact: 'phone' },
  whatsapp: { icon: 'whatsapp', name: 'channels.name.whatsapp', contact: 'phone', url: true },
  telegram: { icon: 'telegram', name: 'channels.name.telegram', contact: 'handle', url: true },
  community_forum: { icon: 'users', name: 'channels.name.community_forum', url: true },
  help_center: { icon: 'book', name: 'channels.name.help_center', url: true },
};

export default function Channels() {
  const c = useConsole();
  const locale = useLocale();
  const [data, setData] = useState<ChannelSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ChannelSetting | null>(null);
  // Bumped after a save or reset: the table then shows what is in force, as the server merged it with the defaults.
  const [version, setVersion] = useState(0);

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
  }, [locale, version]);

  if (!data) {
    return error ? <Empty icon="alert" title={error} /> : <div className="pane-loading"><Spinner /></div>;
  }
  const broken = data.items.filter((ch) => ch.enabled && ch.unavailable);
  const names = new Intl.ListFormat(locale, { type: 'conjunction' });
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('channels.title')}</h1>
          <p className="muted">{t('channels.hint')}</p>
          {!c.isAdmin && <p className="muted">{t('channels.readOnly')}</p>}
        </div>
      </header>
      {broken.length > 0 && (
        <p className="notice warn channels-broken">
          <Icon name="alert" size={13} /> {t('channels.brokenSummary', { channels: names.format(broken.map((ch) => t(channelMeta[ch.id].name))) })}
        </p>
      )}
      <table className="table card channels-table">
        <thead>
          <tr>
            <th scope="col">{t('channels.channel')}</th>
            <th scope="col">{t('channels.offered')}</th>
            <th scope="col">{t('channels.contact')}</th>
            <th scope="col">{t('channels.hours')}</th>
            <th scope="col">{t('channels.response')}</th>
            <th scope="col">{t('channels.setup')}</th>
            {c.isAdmin && (
              <th scope="col">
                <span className="visually-hidden">{t('admin.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {data.items.map((ch) => (
            <tr key={ch.id} className={ch.enabled ? undefined : 'inactive'}>
              <th scope="row">
                <span className="channel-name">
                  <Icon name={channelMeta[ch.id].icon} size={14} /> {t(channelMeta[ch.id].name)}
                </span>
              </th>
              <td>
                <span className={`pill ${ch.enabled ? 'channel-on' : 'channel-off'}`}>{ch.enabled ? t('channels.on') : t('channels.off')}</span>
              </td>
              <td className="channel-contact" title={ch.contact ?? ch.url}>
                {ch.contact ?? ch.url ?? <span className="muted">—</span>}
              </td>
              <td className="channel-hours-cell">{hoursSummary(ch.hours, data.timezone, locale)}</td>
              <td className="channel-response-cell">{responseTime(ch.expectedResponseMinutes, locale)}</td>
              <td className="channel-setup">{ch.unavailable ? <NotWorking reason={ch.unavailable} /> : <span className="pill channel-ready">{t('channels.ready')}</span>}</td>
              {c.isAdmin && (
                <td className="actions">
                  <button type="button" className="button ghost small" onClick={() => setEditing(ch)}>
                    <Icon name="edit" size={14} /> {t('channels.edit')}
                    <span className="visually-hidden"> {t(channelMeta[ch.id].name)}</span>
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <Holidays holidays={data.holidays} timezone={data.timezone} editable={c.isAdmin} />
      <OfficialContacts />
      {editing && (
        <ChannelEditor
          channel={editing}
          name={t(channelMeta[editing.id].name)}
          contactKind={channelMeta[editing.id].contact}
          hasUrl={Boolean(channelMeta[editing.id].url)}
          deskZone={data.timezone}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </div>
  );
}
