import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { statusMessages } from './messages.js';
import { registerMonitorJobs, startMonitorScheduler, syncBuiltinMonitors } from './monitors.js';
import { registerNotificationJobs } from './notify.js';
import { statusSite } from './pages.js';
import { statusRoutes } from './routes.js';
import { advanceMaintenance, QUEUE_MAINTENANCE, seedComponents } from './service.js';

registerMessages(statusMessages);

export const statusModule: SapaModule = {
  name: 'status',
  async setup(desk) {
    // A status page needs its components on every install, not only with demo data; both steps are idempotent.
    await seedComponents(desk);
    await syncBuiltinMonitors(desk);
    registerNotificationJobs(desk);
    registerMonitorJobs(desk);
    desk.jobs.handle<{ id: string; action: 'announce' | 'start' | 'end' }>(QUEUE_MAINTENANCE, async (job) => {
      await advanceMaintenance(desk, job.payload.id, job.payload.action);
    });
  },
  api: statusRoutes,
  site: statusSite,
  async start(desk) {
    startMonitorScheduler(desk);
  },
};
