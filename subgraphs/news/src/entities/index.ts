export { ARTICLE_KINDS, Article, ArticleService, ArticleUnit, entities } from './article.ts';
