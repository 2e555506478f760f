import { complaintWarning, type Complaint } from '../complaints';
import { t } from '../i18n';
import { Icon } from './Icon';

/** A complaint's "Overdue", "Due soon" or "Answered late", in words with an icon, never by colour alone. */
export function ComplaintWarning({ complaint }: { complaint: Pick<Complaint, 'overdue' | 'dueSoon' | 'status'> }) {
  const w = complaintWarning(complaint);
  if (!w) return null;
  return (
    <span className={`pill complaint-warn complaint-${w === 'dueSoon' ? 'dueSoon' : 'overdue'}`} data-warning={w}>
      <Icon name={w === 'dueSoon' ? 'clock' : 'alert'} size={11} /> {t(`complaint.warn.${w}`)}
    </span>
  );
}
