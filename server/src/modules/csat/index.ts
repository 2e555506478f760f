import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { seedDemoSurveys } from './demo.js';
import { csatMessages } from './messages.js';
import { csatSite } from './pages.js';
import { csatRoutes } from './routes.js';
import { setupSurveys, startSurveySweeper } from './service.js';

registerMessages(csatMessages);

/** Satisfaction surveys: offered when a person resolves a case, answered in the chat or on /survey/{token}. */
export const csatModule: SapaModule = { name: 'csat', setup: setupSurveys, start: async (desk) => startSurveySweeper(desk), api: csatRoutes, site: csatSite, seedDemo: seedDemoSurveys };
