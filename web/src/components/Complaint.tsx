import { complaintWarning, type Complaint } from '../complaints';
import { t } from '../i18n';
import { Icon } from './Icon';

/** A complaint's "Overdue" or "Due soon", in words with an icon, never by colour alone. */
export function ComplaintWarning({ complaint }: { complaint: Pick<Complaint, 'overdue' | 'dueSoon' | 'status'> }) {
  const w = complaintWarning(complaint);
  if (!w) return null;
  return (
    <span className={`pill complaint-warn complaint-${w}`} data-warning={w}>
      <Icon name={w === 'overdue' ? 'alert' : 'clock'} size={11} /> {t(w === 'overdue' ? 'complaint.warn.overdue' : 'complaint.warn.dueSoon')}
    </span>
  );
}
