export type { Channel, Enums as SharedEnums, Language } from './generated/shared-types.ts';
export { inLanguage } from './in-language.ts';
export { DateScalar, DateTime, Month, scalarResolvers } from './scalars.ts';
export { type SubgraphSchema, subgraphSchema } from './subgraph-schema.ts';
export { loadTypeDefs, SHARED_SDL_FILE, withSharedSdl } from './subgraph-sdl.ts';
