import { useState, type FormEvent } from 'react';
import { ApiError, api, query } from '../api';
import { Icon } from '../components/Icon';
import { Dialog, toast } from '../components/ui';
import { t, useLocale, type MessageKey } from '../i18n';
import type { BusinessHours, ChannelSetting } from '../types';
import { responseTime, weekMondayFirst, weekdayName } from './channelText';

// One channel's settings as an admin changes them (PUT /support/settings/channels/:id replaces them all, so the form
// sends every field, keeping those it does not show), or returns it to its defaults (DELETE).

export type ContactKind = 'email' | 'phone' | 'handle';

interface HoursWindow {
  days: number[];
  open: string;
  close: string;
}

interface Draft {
  enabled: boolean;
  contact: string;
  url: string;
  /** As typed: the number input's text. */
  expectedResponseMinutes: string;
  alwaysOpen: boolean;
  timezone: string;
  /** Kept while "always open" is chosen, so switching back does not lose them. */
  windows: HoursWindow[];
}

const newWindow = (): HoursWindow => ({ days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' });

// A time input cannot show 24:00: midnight at the end of the day is 00:00 on screen and 24:00 to the server.
const closeOnScreen = (close: string) => (close === '24:00' ? '00:00' : close);
const closeToServer = (close: string) => (close === '00:00' ? '24:00' : close);

function draftOf(c: ChannelSetting, deskZone: string): Draft {
  const windows = c.hours.windows?.map((w) => ({ ...w, close: closeOnScreen(w.close) })) ?? [];
  return {
    enabled: c.enabled,
    contact: c.contact ?? '',
    url: c.url ?? '',
    expectedResponseMinutes: String(c.expectedResponseMinutes),
    alwaysOpen: Boolean(c.hours.alwaysOpen) || windows.length === 0,
    timezone: c.hours.timezone ?? deskZone,
    windows: windows.length ? windows : [newWindow()],
  };
}

function settingsOf(d: Draft, c: ChannelSetting, shown: { contact: boolean; url: boolean }, deskZone: string) {
  const hours: BusinessHours = d.alwaysOpen
    ? { alwaysOpen: true }
    : { windows: d.windows.map((w) => ({ days: weekMondayFirst.filter((day) => w.days.includes(day)), open: w.open, close: closeToServer(w.close) })) };
  // A channel that never had its own zone keeps following the desk's, unless the admin picks another.
  const timezone = d.timezone.trim();
  if (timezone && (timezone !== deskZone || c.hours.timezone)) hours.timezone = timezone;
  const contact = shown.contact ? d.contact.trim() || undefined : c.contact;
  const url = shown.url ? d.url.trim() || undefined : c.url;
  return { enabled: d.enabled, hours, expectedResponseMinutes: Number(d.expectedResponseMinutes), contact, url };
}

/** What the server refused: its message in the console's language, and the fields it names (`body.hours.timezone`). */
interface Problem {
  message: string;
  fields: { field: string; message: string }[];
}

function problemOf(e: unknown): Problem {
  if (!(e instanceof ApiError)) return { message: String(e), fields: [] };
  const d = e.details;
  if (Array.isArray(d)) return { message: e.message, fields: d.filter((f): f is { field: string; message: string } => typeof f?.field === 'string' && typeof f?.message === 'string') };
  const field = d && typeof d === 'object' && 'field' in d && typeof d.field === 'string' ? d.field : null;
  // A 422 says it all in its message; the field only marks the input.
  return { message: e.message, fields: field ? [{ field, message: '' }] : [] };
}

// What the schema asks of a field, said in the console's language (the validator's own words are English).
const fieldHelp: Record<string, MessageKey> = {
  'body.hours.timezone': 'channels.problem.timezone',
  'body.url': 'channels.field.urlHelp',
  'body.expectedResponseMinutes': 'channels.problem.response',
};

const contactLabels: Record<ContactKind, MessageKey> = { email: 'channels.field.contact.email', phone: 'channels.field.contact.phone', handle: 'channels.field.contact.handle' };
const contactTypes: Record<ContactKind, string> = { email: 'email', phone: 'tel', handle: 'text' };

export function ChannelEditor({ channel, name, contactKind, hasUrl, deskZone, onClose, onSaved }: {
  channel: ChannelSetting;
  name: string;
  contactKind?: ContactKind;
  hasUrl: boolean;
  deskZone: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const locale = useLocale();
  const [draft, setDraft] = useState(() => draftOf(channel, deskZone));
  const [busy, setBusy] = useState<'save' | 'reset' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const invalid = (field: string) => problem?.fields.some((f) => f.field === field) ?? false;
  const fieldProps = (field: string) => (invalid(field) ? { 'aria-invalid': true, 'aria-describedby': 'channel-problem' } : {});
  const labelOf = (field: string): string => {
    const known: Record<string, string> = {
      'body.contact': contactKind ? t(contactLabels[contactKind]) : t('channels.contact'),
      'body.url': t('channels.field.url'),
      'body.expectedResponseMinutes': t('channels.field.response'),
      'body.hours.timezone': t('channels.hours.timezone'),
    };
    const window = /^body\.hours\.windows\.(\d+)/.exec(field);
    return known[field] ?? (window ? t('channels.hours.window', { n: Number(window[1]) + 1 }) : field);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('save');
    setProblem(null);
    try {
      await api.put(`/support/settings/channels/${channel.id}${query({ locale })}`, settingsOf(draft, channel, { contact: Boolean(contactKind), url: hasUrl }, deskZone));
      toast(t('toast.saved'), 'success');
      onSaved();
    } catch (err) {
      // The form stays as typed: only the message is added.
      setProblem(problemOf(err));
      setBusy(null);
    }
  };

  const reset = async () => {
    if (!confirm(t('channels.resetConfirm', { channel: name }))) return;
    setBusy('reset');
    setProblem(null);
    try {
      await api.delete(`/support/settings/channels/${channel.id}${query({ locale })}`);
      toast(t('channels.resetDone', { channel: name }), 'success');
      onSaved();
    } catch (err) {
      setProblem(problemOf(err));
      setBusy(null);
    }
  };

  const minutes = Number(draft.expectedResponseMinutes);
  return (
    <Dialog open onClose={onClose} title={t('channels.editTitle', { channel: name })} wide>
      <form onSubmit={(e) => void save(e)} className="form channel-editor">
        <label className="check field">
          <input type="checkbox" name="enabled" checked={draft.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
          <span>
            <strong>{t('channels.field.enabled')}</strong>
            <small className="muted">{t('channels.field.enabledHelp')}</small>
          </span>
        </label>
        {(contactKind || hasUrl) && (
          <div className="field-row">
            {contactKind && (
              <label className="field">
                <span>{t(contactLabels[contactKind])}</span>
                <input name="contact" type={contactTypes[contactKind]} maxLength={200} value={draft.contact} onChange={(e) => change({ contact: e.target.value })} {...fieldProps('body.contact')} />
                <small className="muted">{t('channels.field.contactHelp')}</small>
              </label>
            )}
            {hasUrl && (
              <label className="field">
                <span>{t('channels.field.url')}</span>
                <input name="url" maxLength={500} value={draft.url} placeholder="https://" onChange={(e) => change({ url: e.target.value })} {...fieldProps('body.url')} />
                <small className="muted">{t('channels.field.urlHelp')}</small>
              </label>
            )}
          </div>
        )}
        <label className="field channel-response">
          <span>{t('channels.field.response')}</span>
          <input
            name="expectedResponseMinutes"
            type="number"
            required
            min={0}
            max={30 * 24 * 60}
            step={1}
            value={draft.expectedResponseMinutes}
            onChange={(e) => change({ expectedResponseMinutes: e.target.value })}
            {...fieldProps('body.expectedResponseMinutes')}
          />
          <small className="muted">{Number.isInteger(minutes) && minutes >= 0 ? t('channels.field.responseHelp', { text: responseTime(minutes, locale) }) : null}</small>
        </label>
        <HoursFields draft={draft} deskZone={deskZone} change={change} invalid={invalid} fieldProps={fieldProps} />
        {problem && (
          <div id="channel-problem" className="form-error" role="alert">
            <Icon name="alert" size={14} />
            <div>
              {problem.message}
              {problem.fields.some((f) => f.message) && (
                <ul className="channel-problem-fields">
                  {problem.fields.filter((f) => f.message).map((f) => (
                    <li key={f.field}>
                      {labelOf(f.field)}: {fieldHelp[f.field] ? t(fieldHelp[f.field]) : f.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        )}
        <div className="form-actions channel-editor-actions">
          <button type="button" className="button ghost" disabled={busy !== null} onClick={() => void reset()}>
            {t('channels.reset')}
          </button>
          <span className="spacer" />
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy !== null}>
            {busy === 'save' ? t('channels.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function HoursFields({ draft, deskZone, change, invalid, fieldProps }: {
  draft: Draft;
  deskZone: string;
  change: (patch: Partial<Draft>) => void;
  invalid: (field: string) => boolean;
  fieldProps: (field: string) => object;
}) {
  const locale = useLocale();
  const setWindow = (i: number, patch: Partial<HoursWindow>) => change({ windows: draft.windows.map((w, j) => (j === i ? { ...w, ...patch } : w)) });
  const toggleDay = (i: number, day: number, on: boolean) => {
    const days = draft.windows[i].days;
    setWindow(i, { days: on ? [...days, day] : days.filter((d) => d !== day) });
  };
  return (
    <fieldset className="field channel-hours">
      <legend>{t('channels.hours.legend')}</legend>
      <div className="channel-hours-mode">
        <label className="check">
          <input type="radio" name="hoursMode" checked={draft.alwaysOpen} onChange={() => change({ alwaysOpen: true })} />
          <span>{t('channels.hours.alwaysOpen')}</span>
        </label>
        <label className="check">
          <input type="radio" name="hoursMode" checked={!draft.alwaysOpen} onChange={() => change({ alwaysOpen: false })} />
          <span>{t('channels.hours.weekly')}</span>
        </label>
      </div>
      {!draft.alwaysOpen && (
        <>
          {draft.windows.map((w, i) => (
            <fieldset key={i} className={invalid(`body.hours.windows.${i}.days`) ? 'channel-window invalid' : 'channel-window'}>
              <legend className="visually-hidden">{t('channels.hours.window', { n: i + 1 })}</legend>
              <div className="channel-days" role="group" aria-label={t('channels.hours.days')}>
                {weekMondayFirst.map((day) => (
                  <label key={day} className="day-check" title={weekdayName(day, locale, 'long')}>
                    <input type="checkbox" checked={w.days.includes(day)} onChange={(e) => toggleDay(i, day, e.target.checked)} aria-label={weekdayName(day, locale, 'long')} />
                    <span aria-hidden="true">{weekdayName(day, locale)}</span>
                  </label>
                ))}
              </div>
              <label className="channel-time">
                <span>{t('channels.hours.opens')}</span>
                <input type="time" required value={w.open} onChange={(e) => setWindow(i, { open: e.target.value })} {...fieldProps(`body.hours.windows.${i}.open`)} />
              </label>
              <label className="channel-time">
                <span>{t('channels.hours.closes')}</span>
                <input type="time" required value={w.close} onChange={(e) => setWindow(i, { close: e.target.value })} {...fieldProps(`body.hours.windows.${i}.close`)} />
              </label>
              {draft.windows.length > 1 && (
                <button type="button" className="icon-button" aria-label={t('channels.hours.remove', { n: i + 1 })} onClick={() => change({ windows: draft.windows.filter((_, j) => j !== i) })}>
                  <Icon name="trash" size={14} />
                </button>
              )}
            </fieldset>
          ))}
          <p className="muted small">{t('channels.hours.midnight')}</p>
          <button type="button" className="button ghost small" onClick={() => change({ windows: [...draft.windows, newWindow()] })} disabled={draft.windows.length >= 14}>
            <Icon name="plus" size={14} /> {t('channels.hours.add')}
          </button>
        </>
      )}
      <label className="field channel-timezone">
        <span>{t('channels.hours.timezone')}</span>
        <input name="timezone" list="channel-timezones" maxLength={64} value={draft.timezone} onChange={(e) => change({ timezone: e.target.value })} {...fieldProps('body.hours.timezone')} />
        <datalist id="channel-timezones">
          {Intl.supportedValuesOf('timeZone').map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <small className="muted">{t('channels.hours.timezoneHelp', { zone: deskZone })}</small>
      </label>
    </fieldset>
  );
}
