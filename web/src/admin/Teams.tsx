import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../api';
import { Icon } from '../components/Icon';
import { Avatar, Dialog, Empty, toast } from '../components/ui';
import { t } from '../i18n';
import { useConsole } from '../state';
import type { Team } from '../types';

export default function Teams() {
  const c = useConsole();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const remove = async (team: Team) => {
    if (!confirm(t('admin.deleteTeamConfirm', { name: team.name }))) return;
    try {
      await api.delete(`/teams/${team.id}`);
      await c.reloadTeams();
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    }
  };
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('admin.teams')}</h1>
          <p className="muted">{t('admin.teamsHint')}</p>
        </div>
        <button type="button" className="button primary small" onClick={() => setEditing('new')}>
          <Icon name="plus" size={14} /> {t('admin.newTeam')}
        </button>
      </header>
      {!c.teams.length ? (
        <Empty icon="layers" title={t('admin.noTeams')} />
      ) : (
        <div className="cards">
          {c.teams.map((team) => (
            <section key={team.id} className="card team-card">
              <header className="card-head">
                <h2>{team.name}</h2>
                <div className="card-actions">
                  <button type="button" className="icon-button" aria-label={t('admin.editTeam', { name: team.name })} onClick={() => setEditing(team)}>
                    <Icon name="edit" size={14} />
                  </button>
                  <button type="button" className="icon-button" aria-label={t('admin.deleteTeam', { name: team.name })} onClick={() => void remove(team)}>
                    <Icon name="trash" size={14} />
                  </button>
                </div>
              </header>
              {team.members.length ? (
                <ul className="member-list">
                  {team.members.map((m) => (
                    <li key={m.id}>
                      <Avatar id={m.id} name={m.name} size={22} presence={c.presence[m.id] ?? 'offline'} /> {m.name}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('admin.noMembers')}</p>
              )}
            </section>
          ))}
        </div>
      )}
      {editing && <TeamDialog team={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function TeamDialog({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const c = useConsole();
  const [name, setName] = useState(team?.name ?? '');
  const [members, setMembers] = useState<Set<string>>(new Set(team?.members.map((m) => m.id)));
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const body = { name, memberIds: [...members] };
      if (team) await api.patch(`/teams/${team.id}`, body);
      else await api.post('/teams', body);
      await c.reloadTeams();
      toast(t('toast.saved'), 'success');
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Dialog open onClose={onClose} title={team ? t('admin.editTeam', { name: team.name }) : t('admin.newTeam')}>
      <form onSubmit={submit} className="form">
        <label className="field">
          <span>{t('admin.teamName')}</span>
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <fieldset className="field">
          <legend>{t('admin.members')}</legend>
          <div className="checklist">
            {c.agents
              .filter((a) => a.active)
              .map((a) => (
                <label key={a.id} className="check">
                  <input
                    type="checkbox"
                    checked={members.has(a.id)}
                    onChange={(e) => {
                      const next = new Set(members);
                      if (e.target.checked) next.add(a.id);
                      else next.delete(a.id);
                      setMembers(next);
                    }}
                  />
                  <span>{a.name}</span>
                </label>
              ))}
          </div>
        </fieldset>
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
