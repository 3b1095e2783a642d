import { searchConditions } from '@motcua/db';
import { badUserInput, type ConnectionArgs, notFound, toPage } from '@motcua/graphql-kit';
import type { NewsContext } from '../loaders/index.ts';
import { articlePages } from '../loaders/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ArticlesArgs = ConnectionArgs & { search?: string | null; language?: 'VI' | 'EN' | null };

export const Query = {
  async article(_: unknown, args: { id?: string | null; slug?: string | null }, { loaders }: NewsContext) {
    if ((args.id == null) === (args.slug == null))
      throw badUserInput('Give exactly one of `id` or `slug` to find an article');
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
  async articles(_: unknown, args: ArticlesArgs, { em }: NewsContext) {
    const page = toPage(args, 2);
    const search = searchConditions('news', `a.headline || ' ' || coalesce(a.summary, '')`, args.search);
    const conditions = ["a.status = 'PUBLISHED'", ...search.sql];
    const params: unknown[] = [...search.params];
    if (args.language) {
      conditions.push('a.language = ?');
      params.push(args.language);
    }
    const source = `select a.*, 'all' as group_key from news.article a where ${conditions.join(' and ')}`;
    return (await articlePages(em, source, params, ['all'], page)).get('all');
  },
};
