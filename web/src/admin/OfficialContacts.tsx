import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api';
import { Icon } from '../components/Icon';
import { Spinner, toast } from '../components/ui';
import { t } from '../i18n';

// The wallet's official sites and phone numbers (GET/PUT /forum/settings): the forum's phishing guard lets them
// through, and the assistant answers "is this number yours?" against them and the channels' contacts. Supervisors
// and admins keep the list; one item per line, as people paste them.

interface Official {
  domains: string[];
  phones: string[];
}

/** One list, one item per line. */
function ListField({ name, label, help, value, onChange }: { name: string; label: string; help: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <textarea name={name} rows={5} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`official-${name}-help`} />
      <small id={`official-${name}-help`} className="muted">
        {help}
      </small>
    </label>
  );
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** The server's message, with the items it refused named by list and text (its fields are `body.phones.2`). */
function problemText(e: unknown, sent: Official): string {
  if (!(e instanceof ApiError)) return String(e);
  const refused = (Array.isArray(e.details) ? (e.details as { field?: unknown }[]) : []).flatMap((d) => {
    const m = typeof d.field === 'string' ? /^body\.(domains|phones)\.(\d+)$/.exec(d.field) : null;
    if (!m) return [];
    const list = m[1] as keyof Official;
    return [`${t(list === 'domains' ? 'official.domains' : 'official.phones')}: “${sent[list][Number(m[2])]}”`];
  });
  return refused.length ? `${e.message} ${refused.join('; ')}` : e.message;
}

export function OfficialContacts() {
  const [domains, setDomains] = useState<string | null>(null);
  const [phones, setPhones] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fill = (r: Official) => {
    setDomains(r.domains.join('\n'));
    setPhones(r.phones.join('\n'));
  };

  useEffect(() => {
    const ctrl = new AbortController();
    api.get<Official>('/forum/settings', { signal: ctrl.signal }).then(fill, (e: unknown) => {
      if (!ctrl.signal.aborted) setError(e instanceof ApiError ? e.message : String(e));
    });
    return () => ctrl.abort();
  }, []);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    const sent = { domains: lines(domains ?? ''), phones: lines(phones) };
    try {
      // The server tidies what it keeps (https://www.x.id/help is x.id): the boxes show its version.
      fill(await api.put<Official>('/forum/settings', sent));
      toast(t('toast.saved'), 'success');
    } catch (err) {
      setError(problemText(err, sent));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card official-contacts" aria-labelledby="official-title">
      <h2 id="official-title">{t('official.title')}</h2>
      <p className="muted">{t('official.hint')}</p>
      {domains === null ? (
        error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : (
          <Spinner />
        )
      ) : (
        <form onSubmit={(e) => void save(e)}>
          <div className="field-row">
            <ListField name="domains" label={t('official.domains')} help={t('official.domainsHelp')} value={domains} onChange={setDomains} />
            <ListField name="phones" label={t('official.phones')} help={t('official.phonesHelp')} value={phones} onChange={setPhones} />
          </div>
          {error && (
            <p className="form-error" role="alert">
              <Icon name="alert" size={14} /> {error}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={saving}>
              {saving ? t('channels.saving') : t('official.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
