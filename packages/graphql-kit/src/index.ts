export * from './caller.ts';
export * from './connection.ts';
export * from './errors.ts';
export * from './input-fields.ts';
export * from './paged-loader.ts';
export * from './scalars.ts';
export * from './subgraph-sdl.ts';
export * from './subgraph-server.ts';
