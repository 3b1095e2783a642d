import type { Article } from '../entities/index.ts';
import type { RenditionText } from './large-print.ts';

/**
 * The most text a rendition carries, in characters: about six minutes of speech and a few large-print pages,
 * which bounds the time and memory of making it. A longer article is cut at a paragraph, and says so.
 */
export const RENDITION_MAX_CHARS = 5_000;

const WORDING = {
  VI: { rights: 'Bản quyền', cut: 'Bài đầy đủ có trên trang của bài viết.' },
  EN: { rights: 'Copyright', cut: 'The full article is on its web page.' },
} as const;

/** What the renditions of an article say: its easy-read version when it has one, else the article itself. */
export function renditionTextOf(article: Article): { text: RenditionText; source: 'EASY_READ' | 'ARTICLE' } {
  const wording = WORDING[article.language];
  const source = article.easyRead ? 'EASY_READ' : 'ARTICLE';
  const whole = article.easyRead
    ? article.easyRead.split(/\n\s*\n/)
    : [article.subheadline, article.summary, ...article.bodyText.split(/\n+/)];
  const paragraphs: string[] = [];
  let length = article.headline.length;
  for (const paragraph of whole
    .map((part) => part?.replace(/\s+/g, ' ').trim())
    .filter(Boolean) as string[]) {
    if (length + paragraph.length > RENDITION_MAX_CHARS) {
      paragraphs.push(wording.cut);
      break;
    }
    paragraphs.push(paragraph);
    length += paragraph.length;
  }
  return {
    source,
    text: {
      language: article.language,
      headline: article.headline,
      paragraphs,
      footer: `${wording.rights}: ${article.copyrightHolder} (${article.licence}).`,
    },
  };
}
