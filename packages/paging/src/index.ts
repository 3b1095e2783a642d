export {
  type Connection,
  type ConnectionArgs,
  type CursorPart,
  type CursorShape,
  cursorLooksIssued,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  type Page,
  toConnection,
  toConnections,
  toPage,
} from './connection.ts';
export { entityPage } from './entity-page.ts';
export { loadPage, pagedLoader } from './paged-loader.ts';
