export { type DemoCredential, demoCredentials } from './demo-credentials.ts';
export { type Hub, type HubOptions, startHub } from './start-hub.ts';
