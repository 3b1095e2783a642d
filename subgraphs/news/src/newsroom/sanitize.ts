import sanitizeHtml from 'sanitize-html';

/** What an article body may contain: structure, emphasis and links; nothing that runs or restyles the page. */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'a',
    'strong',
    'em',
    'b',
    'i',
    'blockquote',
    'br',
    'figure',
    'figcaption',
  ],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener' }) },
};

export function sanitizeBody(html: string): { html: string; text: string } {
  const clean = sanitizeHtml(html, ALLOWED).trim();
  // Block ends become line breaks, so the plain text keeps its paragraphs.
  const withBreaks = clean.replace(/<\/(p|h2|h3|h4|li|blockquote|figcaption)>|<br\s*\/?>/g, '$&\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/[ \t]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
  return { html: clean, text };
}
