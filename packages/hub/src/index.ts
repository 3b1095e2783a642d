export { type Hub, type HubOptions, startHub } from './start-hub.ts';
