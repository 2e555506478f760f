import { useState, type FormEvent } from 'react';
import { ApiError, api, query } from '../api';
import { Icon } from '../components/Icon';
import { toast } from '../components/ui';
import { t, useLocale, type MessageKey } from '../i18n';
import type { Holiday } from '../types';
import { dateIn, holidayDate } from './channelText';

// The desk's holidays (listed by GET /support/settings, replaced whole by PUT /support/settings/holidays): days the
// support people are off, as dates in the desk's time zone. On them every channel with business hours is closed all
// day, the assistant still answers, and working-day clocks skip them. Admins keep the list; supervisors read it.

const MAX_HOLIDAYS = 200;

/** One row as typed; `key` keeps React's rows (and the server's complaints) with the row across removals. */
interface Row {
  key: number;
  date: string;
  name: string;
}

let nextKey = 1;
const rowsOf = (items: Holiday[]): Row[] => items.map((h) => ({ key: nextKey++, date: h.date, name: h.name }));

/** What the server refused: its message in the console's language, and the rows' inputs it names. */
interface Problem {
  message: string;
  /** `${row key}.date` or `${row key}.name`. */
  invalid: Set<string>;
  /** The validator's complaints (a 400), said in the console's words, row by row. */
  lines: string[];
}

// What the schema asks of a holiday's field (the validator's own words are English).
const fieldHelp: Record<'date' | 'name', MessageKey> = { date: 'holidays.problem.date', name: 'holidays.problem.name' };

/** The fields a 400 or 422 names (`body.items.3.date`), mapped to the rows as they were sent. */
function problemOf(e: unknown, sent: Row[]): Problem {
  if (!(e instanceof ApiError)) return { message: String(e), invalid: new Set(), lines: [] };
  const d = e.details;
  // A 422 says it all in its message and names one field; a 400 lists each field with the validator's message.
  const fields: string[] = Array.isArray(d)
    ? (d as { field?: unknown }[]).flatMap((f) => (typeof f?.field === 'string' ? [f.field] : []))
    : d && typeof d === 'object' && 'field' in d && typeof d.field === 'string'
      ? [d.field]
      : [];
  const invalid = new Set<string>();
  const lines: string[] = [];
  for (const field of fields) {
    const m = /^body\.items\.(\d+)\.(date|name)$/.exec(field);
    const row = m ? sent[Number(m[1])] : undefined;
    if (m && row) {
      const which = m[2] as 'date' | 'name';
      invalid.add(`${row.key}.${which}`);
      if (Array.isArray(d)) lines.push(`${t('holidays.row', { n: Number(m[1]) + 1 })}: ${t(fieldHelp[which])}`);
    } else if (Array.isArray(d) && field === 'body.items') lines.push(t('holidays.problem.items', { max: MAX_HOLIDAYS }));
  }
  return { message: e.message, invalid, lines };
}

export function Holidays({ holidays, timezone, editable }: { holidays: Holiday[]; timezone: string; editable: boolean }) {
  const locale = useLocale();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(holidays));
  const [added, setAdded] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const today = dateIn(timezone);

  const change = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    const row = { key: nextKey++, date: '', name: '' };
    setRows((rs) => [...rs, row]);
    setAdded(row.key);
  };
  const remove = (key: number) => setRows((rs) => rs.filter((r) => r.key !== key));
  const fieldProps = (key: number, field: 'date' | 'name') => (problem?.invalid.has(`${key}.${field}`) ? { 'aria-invalid': true, 'aria-describedby': 'holidays-problem' } : {});

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setProblem(null);
    // Sent in the order on screen, so the index the server names is the row's; it answers them by date.
    const sent = rows;
    try {
      const r = await api.put<{ items: Holiday[] }>(`/support/settings/holidays${query({ locale })}`, { items: sent.map((h) => ({ date: h.date, name: h.name.trim() })) });
      setRows(rowsOf(r.items));
      setAdded(null);
      toast(t('toast.saved'), 'success');
    } catch (err) {
      // The rows stay as typed: only the message is added, and the inputs it names are marked.
      setProblem(problemOf(err, sent));
    } finally {
      setSaving(false);
    }
  };

  /** The date as people read it, and whether it has gone by (today in the desk's zone). */
  const when = (date: string) => {
    const text = holidayDate(date, locale);
    return (
      <>
        {text && <span className="holiday-day">{text}</span>}
        {text && date < today && <span className="pill holiday-past">{t('holidays.past')}</span>}
        {text && date === today && <span className="pill holiday-today">{t('holidays.today')}</span>}
      </>
    );
  };
  const rowClass = (date: string) => (holidayDate(date, locale) && date < today ? 'past' : undefined);

  const table = (
    <table className="table holidays-table">
      <thead>
        <tr>
          <th scope="col">{t('holidays.date')}</th>
          <th scope="col">{t('holidays.name')}</th>
          {editable && (
            <th scope="col">
              <span className="visually-hidden">{t('admin.actions')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) =>
          editable ? (
            <tr key={r.key} className={rowClass(r.date)}>
              <td>
                <div className="holiday-when">
                  <input
                    type="date"
                    required
                    value={r.date}
                    aria-label={t('holidays.dateOf', { n: i + 1 })}
                    autoFocus={r.key === added}
                    onChange={(e) => change(r.key, { date: e.target.value })}
                    {...fieldProps(r.key, 'date')}
                  />
                  {when(r.date)}
                </div>
              </td>
              <td className="holiday-name">
                <input
                  required
                  maxLength={80}
                  value={r.name}
                  placeholder={t('holidays.namePlaceholder')}
                  aria-label={t('holidays.nameOf', { n: i + 1 })}
                  onChange={(e) => change(r.key, { name: e.target.value })}
                  {...fieldProps(r.key, 'name')}
                />
              </td>
              <td className="actions">
                <button type="button" className="icon-button" aria-label={t('holidays.remove', { n: i + 1 })} title={t('holidays.remove', { n: i + 1 })} onClick={() => remove(r.key)}>
                  <Icon name="trash" size={14} />
                </button>
              </td>
            </tr>
          ) : (
            <tr key={r.key} className={rowClass(r.date)}>
              <td>
                <div className="holiday-when">{when(r.date)}</div>
              </td>
              <td className="holiday-name">{r.name}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );

  return (
    <section className="card holidays" aria-labelledby="holidays-title">
      <h2 id="holidays-title">{t('holidays.title')}</h2>
      <p className="muted">{t('holidays.hint', { zone: timezone })}</p>
      {!editable && <p className="muted">{t('holidays.readOnly')}</p>}
      {editable ? (
        <form onSubmit={(e) => void save(e)}>
          {rows.length ? table : <p className="muted holidays-empty">{t('holidays.empty')}</p>}
          <button type="button" className="button ghost small holidays-add" onClick={add} disabled={rows.length >= MAX_HOLIDAYS}>
            <Icon name="plus" size={14} /> {t('holidays.add')}
          </button>
          {problem && (
            <div id="holidays-problem" className="form-error" role="alert">
              <Icon name="alert" size={14} />
              <div>
                {problem.message}
                {problem.lines.length > 0 && (
                  <ul className="channel-problem-fields">
                    {problem.lines.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          )}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={saving}>
              {saving ? t('channels.saving') : t('holidays.save')}
            </button>
          </div>
        </form>
      ) : rows.length ? (
        table
      ) : (
        <p className="muted holidays-empty">{t('holidays.empty')}</p>
      )}
    </section>
  );
}
