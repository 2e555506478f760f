import type { ReactNode } from 'react';
import { Icon } from '../components/Icon';
import { t } from '../i18n';

/**
 * A channel that cannot work on this Sapa because it is not configured. The reason comes from the server in the
 * console's language and names the settings to give; an admin who switched the channel on would otherwise believe it
 * works while customers are told it is unavailable.
 */
export function NotWorking({ id, reason, children }: { id?: string; reason: string; children?: ReactNode }) {
  return (
    <p id={id} className="notice warn not-working">
      <Icon name="alert" size={13} /> <strong>{t('channels.notWorking')}</strong> {reason}
      {children && <> {children}</>}
    </p>
  );
}
