import { ARTICLE_KINDS, Article, type MediaAsset } from './article.ts';
import { ArticleChange } from './article-change.ts';
import { Campaign, MediaPartner } from './campaign.ts';

export { ARTICLE_KINDS, Article, ArticleChange, Campaign, type MediaAsset, MediaPartner };
export const entities = [Article, ArticleChange, Campaign, MediaPartner];
