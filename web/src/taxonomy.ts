import { tKey } from './i18n';

// Case categories are the intent ids of /work/shared/taxonomy.md (plus "other").
export const categories = [
  'topup_failed',
  'payment_failed',
  'transfer_failed',
  'funds_not_received',
  'unauthorized_transaction',
  'account_locked',
  'login_problem',
  'security_setup',
  'phishing_report',
  'support_unreachable',
  'app_problem',
  'service_status',
  'contact_channels',
  'service_hours',
  'human_agent',
  'complaint',
  'update_account_info',
  'case_followup',
  'out_of_scope',
  'other',
] as const;

export const categoryLabel = (id: string) => tKey(`category.${id}`, id.replace(/_/g, ' '));
export const channelLabel = (id: string) => tKey(`channel.${id}`, id);
export const statusLabel = (id: string) => tKey(`status.${id}`, id);
export const priorityLabel = (id: string) => tKey(`priority.${id}`, id);
export const languageLabel = (id: string) => tKey(`language.${id}`, id);
/** A satisfaction rating's words: 1 very unhappy … 5 very happy. */
export const scoreLabel = (score: number) => tKey(`csat.score.${score}`, String(score));
