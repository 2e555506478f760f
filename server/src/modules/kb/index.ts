import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { BUNDLED_CONTENT_DIR } from './content.js';
import { importArticles } from './import.js';
import { kbRoutes } from './routes.js';
import { ensureIndex, startIndexRefresh } from './service.js';

registerMessages({
  en: {
    'error.slug_taken': 'An article with this slug already exists.',
    'error.unknown_category': 'There is no category "{category}".',
    'error.unknown_related_article': 'Related article not found: {slug}.',
  },
  'id-ID': {
    'error.slug_taken': 'Artikel dengan slug ini sudah ada.',
    'error.unknown_category': 'Kategori "{category}" tidak ada.',
    'error.unknown_related_article': 'Artikel terkait tidak ditemukan: {slug}.',
  },
  'zh-CN': {
    'error.slug_taken': '已存在使用此 slug 的文章。',
    'error.unknown_category': '不存在分类“{category}”。',
    'error.unknown_related_article': '找不到相关文章：{slug}。',
  },
});

/**
 * The knowledge base. Each node keeps its own search index (KnowledgeIndex) in memory: built from the database at
 * start, updated at once by edits made on this node, and refreshed from the database every INDEX_REFRESH_MS for
 * edits made on other nodes (see service.ts).
 */
export const kbModule: SapaModule = {
  name: 'kb',
  api: kbRoutes,
  async seedDemo(desk) {
    const report = await importArticles(desk, BUNDLED_CONTENT_DIR, { mode: 'unless-edited' });
    const changed = report.articles.filter((a) => a.change === 'created' || a.change === 'updated').length;
    if (changed) desk.log.info({ changed, total: report.articles.length }, 'knowledge base demo articles loaded');
  },
  async start(desk) {
    await ensureIndex(desk);
    startIndexRefresh(desk);
  },
};
