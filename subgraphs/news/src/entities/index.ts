import { Article } from './article.ts';
import { ArticleChange } from './article-change.ts';
import { Campaign, MediaPartner } from './campaign.ts';

export { Article, ArticleChange, Campaign, MediaPartner };
export const entities = [Article, ArticleChange, Campaign, MediaPartner];
