import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api';
import { loadCanned } from '../canned';
import { Icon } from '../components/Icon';
import { Dialog, Empty, Spinner, toast } from '../components/ui';
import { languageNames, t } from '../i18n';
import { locales, type Canned } from '../types';

export default function CannedAdmin() {
  const [items, setItems] = useState<Canned[] | null>(null);
  const [editing, setEditing] = useState<Canned | 'new' | null>(null);
  const reload = () => loadCanned(true).then(setItems, (e: unknown) => toast(e instanceof ApiError ? e.message : String(e), 'error'));
  useEffect(() => {
    void reload();
  }, []);
  const remove = async (c: Canned) => {
    if (!confirm(t('admin.deleteCannedConfirm', { title: c.title }))) return;
    await api.delete(`/canned-responses/${c.id}`).catch((e: unknown) => toast(e instanceof ApiError ? e.message : String(e), 'error'));
    void reload();
  };
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('admin.canned')}</h1>
          <p className="muted">{t('admin.cannedHint')}</p>
        </div>
        <button type="button" className="button primary small" onClick={() => setEditing('new')}>
          <Icon name="plus" size={14} /> {t('admin.newCanned')}
        </button>
      </header>
      {items === null ? (
        <div className="pane-loading">
          <Spinner />
        </div>
      ) : !items.length ? (
        <Empty icon="zap" title={t('admin.noCanned')} />
      ) : (
        <table className="table card">
          <thead>
            <tr>
              <th scope="col">{t('admin.shortcut')}</th>
              <th scope="col">{t('admin.title')}</th>
              <th scope="col">{t('admin.languages')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td className="mono">/{c.shortcut}</td>
                <td>
                  <div className="strong">{c.title}</div>
                  <div className="muted clamp">{c.bodies.en ?? Object.values(c.bodies)[0]}</div>
                </td>
                <td>
                  {locales
                    .filter((l) => c.bodies[l])
                    .map((l) => (
                      <span key={l} className="pill lang-pill">
                        {l}
                      </span>
                    ))}
                </td>
                <td className="actions">
                  <button type="button" className="icon-button" aria-label={t('admin.editCanned', { title: c.title })} onClick={() => setEditing(c)}>
                    <Icon name="edit" size={14} />
                  </button>
                  <button type="button" className="icon-button" aria-label={t('admin.deleteCanned', { title: c.title })} onClick={() => void remove(c)}>
                    <Icon name="trash" size={14} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <CannedDialog
          canned={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void reload();
          }}
        />
      )}
    </div>
  );
}

function CannedDialog({ canned, onClose, onSaved }: { canned: Canned | null; onClose: () => void; onSaved: () => void }) {
  const [title, setTitle] = useState(canned?.title ?? '');
  const [shortcut, setShortcut] = useState(canned?.shortcut ?? '');
  const [bodies, setBodies] = useState<Record<string, string>>({ en: canned?.bodies.en ?? '', 'id-ID': canned?.bodies['id-ID'] ?? '', 'zh-CN': canned?.bodies['zh-CN'] ?? '' });
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { title, shortcut, bodies: Object.fromEntries(Object.entries(bodies).filter(([, v]) => v.trim())) };
    try {
      if (canned) await api.patch(`/canned-responses/${canned.id}`, body);
      else await api.post('/canned-responses', body);
      toast(t('toast.saved'), 'success');
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Dialog open onClose={onClose} title={canned ? t('admin.editCanned', { title: canned.title }) : t('admin.newCanned')} wide>
      <form onSubmit={submit} className="form">
        <div className="field-row">
          <label className="field">
            <span>{t('admin.title')}</span>
            <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="field narrow">
            <span>{t('admin.shortcut')}</span>
            <input required pattern="[a-z0-9][a-z0-9_\-]{0,39}" maxLength={40} value={shortcut} onChange={(e) => setShortcut(e.target.value.toLowerCase())} aria-describedby="shortcut-help" />
            <small id="shortcut-help" className="muted">
              {t('admin.shortcutHelp')}
            </small>
          </label>
        </div>
        <p className="muted small">{t('admin.variablesHelp')}</p>
        {locales.map((l) => (
          <label key={l} className="field">
            <span>{languageNames[l]}</span>
            <textarea rows={3} value={bodies[l]} onChange={(e) => setBodies({ ...bodies, [l]: e.target.value })} />
          </label>
        ))}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary">
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
