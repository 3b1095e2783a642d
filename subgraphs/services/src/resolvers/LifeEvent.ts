import { eventFields } from '../events.ts';
import type { LifeEventResolvers } from '../generated/resolvers-types.ts';

export const LifeEvent: LifeEventResolvers = {
  __isTypeOf: (event) => event.kind === 'LIFE_EVENT',
  ...eventFields,
};
