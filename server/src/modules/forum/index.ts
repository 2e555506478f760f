import type { SapaModule } from '../../kernel/module.js';
import './messages.js';
import { forumPages } from './pages.js';
import { forumRoutes } from './routes.js';

/** The community forum: JSON API under /api/v1/forum, pages under /community/{locale}. */
export const forumModule: SapaModule = {
  name: 'forum',
  api: forumRoutes,
  site: forumPages,
};
