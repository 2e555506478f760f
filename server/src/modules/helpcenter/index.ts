import type { SapaModule } from '../../kernel/module.js';
import * as forum from '../forum/service.js';
import './messages.js';
import { helpCenterPages } from './pages.js';
import { seoRoutes } from './seo.js';

/** The public help center (/, /help/{locale}/…), the sitemap and robots.txt. Articles come from the kb module. */
export const helpCenterModule: SapaModule = {
  name: 'helpcenter',
  async site(http, desk) {
    // The search page also shows community answers; the sitemap lists community topics.
    await helpCenterPages(http, desk, { extraSearch: forum.searchTopics });
    await seoRoutes(http, desk, [forum.sitemapTopics]);
  },
};
