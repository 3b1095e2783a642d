export { DateScalar, DateTime, Month, scalarResolvers } from './scalars.ts';
export { loadTypeDefs, SHARED_SDL_FILE, withSharedSdl } from './subgraph-sdl.ts';
