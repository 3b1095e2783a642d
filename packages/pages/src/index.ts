export type { IdePersona } from './ide.ts';
export { type PagesOptions, pagesRouter } from './router.ts';
