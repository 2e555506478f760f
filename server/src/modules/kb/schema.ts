import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Titles and descriptions per locale: `{ en: { title, description }, 'id-ID': …, 'zh-CN': … }`. */
export type CategoryTitles = Record<string, { title: string; description: string }>;

export const kbCategories = pgTable('kb_categories', {
  slug: text('slug').primaryKey(),
  position: integer('position').notNull().default(100),
  titles: jsonb('titles').$type<CategoryTitles>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const kbArticles = pgTable(
  'kb_articles',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    category: text('category').notNull().references(() => kbCategories.slug),
    visibility: text('visibility', { enum: ['public', 'internal'] }).notNull().default('public'),
    /** Intent ids of the taxonomy this article answers; the first is the main one. */
    intents: text('intents').array().notNull().default([]),
    tags: text('tags').array().notNull().default([]),
    related: text('related').array().notNull().default([]),
    /** Bumped on every change of the article or one of its translations: other nodes compare it to refresh. */
    version: integer('version').notNull().default(1),
    /** Idempotency-Key of the create, so a retried POST returns the same article. */
    creationKey: text('creation_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('kb_articles_slug').on(t.slug), uniqueIndex('kb_articles_creation_key').on(t.creationKey), index('kb_articles_category').on(t.category)],
);

export const kbTranslations = pgTable(
  'kb_translations',
  {
    articleId: text('article_id').notNull().references(() => kbArticles.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Markdown, stored as written; rendered and sanitised when shown. */
    body: text('body').notNull(),
    /** Search keywords in this translation's language. */
    tags: text('tags').array().notNull().default([]),
    version: integer('version').notNull().default(1),
    /** `agent:<id>` for console edits, `import` for content loaded from Markdown files. */
    author: text('author').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.locale] })],
);

/** Every change of a translation, with the full text it replaced (null when the translation was new). */
export const kbRevisions = pgTable(
  'kb_revisions',
  {
    id: text('id').primaryKey(),
    articleId: text('article_id').notNull().references(() => kbArticles.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    author: text('author').notNull(),
    note: text('note'),
    previousTitle: text('previous_title'),
    previousDescription: text('previous_description'),
    previousBody: text('previous_body'),
    previousTags: text('previous_tags').array(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('kb_revisions_article').on(t.articleId, t.createdAt)],
);

/** "Was this helpful?": one vote per voter (customer, visitor, or hashed IP) and article; a new vote replaces it. */
export const kbVotes = pgTable(
  'kb_votes',
  {
    articleId: text('article_id').notNull().references(() => kbArticles.id, { onDelete: 'cascade' }),
    voterKey: text('voter_key').notNull(),
    locale: text('locale').notNull(),
    helpful: boolean('helpful').notNull(),
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.voterKey] })],
);
