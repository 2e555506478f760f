import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { supportMessages } from './messages.js';
import { supportSite } from './pages.js';
import { supportRoutes } from './routes.js';

registerMessages(supportMessages);

export const supportModule: SapaModule = { name: 'support', api: supportRoutes, site: supportSite };
