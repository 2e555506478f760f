import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { slaRoutes } from './routes.js';
import { startBreachSweeper } from './service.js';

registerMessages({
  en: {
    'sla.hours.business': '{hours}, except holidays',
    'sla.hours.calendar': 'Every hour of every day (24/7)',
    'error.sla_targets_order': 'A response target cannot be longer than the resolution target of the same priority.',
  },
  'id-ID': {
    'sla.hours.business': '{hours}, kecuali hari libur',
    'sla.hours.calendar': 'Setiap jam setiap hari (24/7)',
    'error.sla_targets_order': 'Target respons tidak boleh lebih lama dari target penyelesaian untuk prioritas yang sama.',
  },
  'zh-CN': {
    'sla.hours.business': '{hours}，节假日除外',
    'sla.hours.calendar': '全天候（24/7）',
    'error.sla_targets_order': '响应时限不能长于同一优先级的解决时限。',
  },
});

/** Service-level targets: each case's first-response, next-response and resolution clocks, breaches, the report. */
export const slaModule: SapaModule = { name: 'sla', start: async (desk) => startBreachSweeper(desk), api: slaRoutes };
