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
            <label className="field">
              <span>{t('official.domains')}</span>
              <textarea name="domains" rows={5} value={domains} onChange={(e) => setDomains(e.target.value)} aria-describedby="official-domains-help" />
              <small id="official-domains-help" className="muted">
                {t('official.domainsHelp')}
              </small>
            </label>
            <label className="field">
              <span>{t('official.phones')}</span>
              <textarea name="phones" rows={5} value={phones} onChange={(e) => setPhones(e.target.value)} aria-describedby="official-phones-help" />
              <small id="official-phones-help" className="muted">
                {t('official.phonesHelp')}
              </small>
            </label>
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
