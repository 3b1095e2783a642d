import { entityPage, searchConditions } from '@motcua/db';
import { badUserInput, notFound, toPage } from '@motcua/graphql-kit';
import { Article } from '../entities/index.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { ARTICLE_ORDER, articleSortKey } from '../loaders/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const Query: QueryResolvers = {
  async article(_, args, { loaders }) {
    if ((args.id == null) === (args.slug == null)) {
      throw badUserInput('Give exactly one of `id` or `slug` to find an article');
    }
    if (args.id != null && !UUID.test(args.id)) {
      throw badUserInput(`\`id\` must be an article id (a UUID); got ${JSON.stringify(args.id)}`, {
        argumentName: 'id',
      });
    }
    const article =
      args.id != null
        ? await loaders.articleById.load(args.id)
        : await loaders.articleBySlug.load(args.slug ?? '');
    // Drafts and withdrawn articles are not public: they are reported exactly like articles that do not exist.
    if (article?.status !== 'PUBLISHED') {
      throw notFound(`No published article has ${args.id != null ? `id ${args.id}` : `slug ${args.slug}`}`);
    }
    return article;
  },
  async articles(_, args, { em }) {
    const page = toPage(args, 2);
    const search = searchConditions('news', `a.headline || ' ' || coalesce(a.summary, '')`, args.search);
    const conditions = ["a.status = 'PUBLISHED'", ...search.sql];
    const params: unknown[] = [...search.params];
    if (args.language) {
      conditions.push('a.language = ?');
      params.push(args.language);
    }
    return entityPage(
      em,
      Article,
      {
        source: `select a.* from news.article a where ${conditions.join(' and ')}`,
        params,
        ...ARTICLE_ORDER,
      },
      page,
      articleSortKey,
    );
  },
};
