import { ApiKey } from './api-key.ts';

export { ApiKey };
export const entities = [ApiKey];
