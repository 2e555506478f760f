import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../api';
import { Icon } from '../components/Icon';
import { Avatar, Dialog, toast } from '../components/ui';
import { languageNames, t } from '../i18n';
import { useConsole } from '../state';
import { locales, type Agent, type Locale, type Role } from '../types';

const roles: Role[] = ['agent', 'supervisor', 'admin'];

export default function Agents() {
  const c = useConsole();
  const [inviting, setInviting] = useState(false);
  const update = async (a: Agent, patch: Partial<Pick<Agent, 'role' | 'active'>>) => {
    try {
      await api.patch(`/agents/${a.id}`, patch);
      await c.reloadAgents();
      toast(t('toast.saved'), 'success');
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    }
  };
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('admin.agents')}</h1>
          <p className="muted">{c.isAdmin ? t('admin.agentsHint') : t('admin.agentsReadOnly')}</p>
        </div>
        {c.isAdmin && (
          <button type="button" className="button primary small" onClick={() => setInviting(true)}>
            <Icon name="userPlus" size={14} /> {t('admin.invite')}
          </button>
        )}
      </header>
      <table className="table card">
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.email')}</th>
            <th scope="col">{t('admin.role')}</th>
            <th scope="col">{t('admin.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {c.agents.map((a) => (
            <tr key={a.id} className={a.active ? '' : 'inactive'}>
              <td>
                <span className="agent-cell">
                  <Avatar id={a.id} name={a.name} size={26} presence={a.active ? (c.presence[a.id] ?? 'offline') : undefined} /> {a.name}
                </span>
              </td>
              <td className="muted">{a.email}</td>
              <td>
                <select aria-label={t('admin.roleOf', { name: a.name })} value={a.role} disabled={!c.isAdmin || a.id === c.me.id} onChange={(e) => void update(a, { role: e.target.value as Role })}>
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <span className={a.active ? 'pill status-open' : 'pill status-closed'}>{a.active ? t('admin.active') : t('admin.deactivated')}</span>
              </td>
              <td className="actions">
                {c.isAdmin && a.id !== c.me.id && (
                  <button type="button" className="button ghost small" onClick={() => void update(a, { active: !a.active })}>
                    {a.active ? t('admin.deactivate') : t('admin.reactivate')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <InviteDialog open={inviting} onClose={() => setInviting(false)} />
    </div>
  );
}

function InviteDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const c = useConsole();
  const [form, setForm] = useState({ name: '', email: '', role: 'agent' as Role, password: '', locale: 'en' as Locale });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/agents', form);
      await c.reloadAgents();
      toast(t('toast.invited', { name: form.name }), 'success');
      setForm({ name: '', email: '', role: 'agent', password: '', locale: 'en' });
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} title={t('admin.invite')}>
      <form onSubmit={submit} className="form">
        <label className="field">
          <span>{t('admin.name')}</span>
          <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('admin.email')}</span>
          <input type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </label>
        <div className="field-row">
          <label className="field">
            <span>{t('admin.role')}</span>
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('settings.language')}</span>
            <select value={form.locale} onChange={(e) => setForm({ ...form, locale: e.target.value as Locale })}>
              {locales.map((l) => (
                <option key={l} value={l}>
                  {languageNames[l]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          <span>{t('admin.initialPassword')}</span>
          <input type="password" autoComplete="new-password" required value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} aria-describedby="pw-help" />
          <small id="pw-help" className="muted">
            {t('admin.passwordHelp')}
          </small>
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {t('admin.sendInvite')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
