import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { seedDemoComplaints } from './demo.js';
import { complaintMessages } from './messages.js';
import { complaintRoutes } from './routes.js';
import { startComplaintSweeper } from './service.js';

registerMessages(complaintMessages);

/** Formal complaints: a reference, a written answer due in working days, a warning and an escalation before it is late. */
export const complaintsModule: SapaModule = { name: 'complaints', start: async (desk) => startComplaintSweeper(desk), api: complaintRoutes, seedDemo: seedDemoComplaints };
