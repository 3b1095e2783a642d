export { type Listening, listen } from './listen.ts';
export { type Drain, drainOnClose, exitOnSignals } from './shutdown.ts';
