import { useEffect, useRef, useState } from 'react';
import { api, query } from '../api';
import { t } from '../i18n';
import { keepFresh, live } from '../live';
import { chipText, clockLabel, idBatches, slaChip, type SlaChip } from '../sla';
import type { CaseSla } from '../types';
import { Icon } from './Icon';

/** How often the clocks of the rows shown are read again (they are computed on read by the server). */
export const SLA_REFRESH_MS = 60_000;

/**
 * The clocks of the cases shown (GET /sla/cases?ids=…, one request per 100 rows): read when the rows change, each
 * minute, and shortly after a case is created or updated or a public message arrives. A failure leaves the rows without chips, nothing more.
 */
export function useCaseSlas(ids: readonly string[]): Map<string, CaseSla> {
  const [slas, setSlas] = useState<Map<string, CaseSla>>(() => new Map());
  const key = [...new Set(ids)].sort().join(',');
  const seq = useRef(0);

  useEffect(() => {
    const wanted = key ? key.split(',') : [];
    const load = async () => {
      const mine = ++seq.current;
      if (!wanted.length) {
        setSlas(new Map());
        return;
      }
      const pages = await Promise.all(
        idBatches(wanted).map((batch) => api.get<{ items: CaseSla[] }>(`/sla/cases${query({ ids: batch })}`).then((r) => r.items, () => null)),
      );
      if (mine !== seq.current) return;
      setSlas((prev) => {
        const next = new Map<string, CaseSla>();
        pages.forEach((items, i) => {
          // A page that failed keeps what its rows showed; one that answered says which cases have clocks now.
          if (items) for (const s of items) next.set(s.caseId, s);
          else for (const id of idBatches(wanted)[i]) if (prev.has(id)) next.set(id, prev.get(id)!);
        });
        return next;
      });
    };
    // A reply stops a clock and a customer's message starts one: public messages count as much as case changes.
    return keepFresh(() => void load(), SLA_REFRESH_MS, (soon) => [live.on('case:updated', soon), live.on('case:created', soon), live.on('message', (m) => !m.internal && soon()), live.on('resync', soon)]);
  }, [key]);

  return slas;
}

const chipClass: Record<SlaChip['kind'], string> = { overdue: 'danger', soon: 'warn', due: 'neutral', paused: 'muted' };

/** A case's chip: "overdue 1 h 5 min", "due in 23 min", "paused"; the clock is named for screen readers and on hover. */
export function SlaChipView({ sla, now }: { sla: CaseSla | null | undefined; now: number }) {
  // `now` is the screen's tick (it makes the chip count down); clocks read since then are measured from the real time.
  const chip = slaChip(sla, Math.max(now, Date.now()));
  if (!chip) return null;
  const text = chipText(chip);
  const clock = t('sla.chip.clock', { clock: clockLabel(chip.clock) });
  return (
    <span className={`sla-chip ${chipClass[chip.kind]}`} data-sla={chip.kind} title={`${clock} ${text}`}>
      <Icon name={chip.kind === 'overdue' ? 'alert' : 'clock'} size={11} />
      <span className="visually-hidden">{clock} </span>
      <span className="sla-chip-text">{text}</span>
    </span>
  );
}
