import { eventFields } from '../events.ts';
import type { BusinessEventResolvers } from '../generated/resolvers-types.ts';

export const BusinessEvent: BusinessEventResolvers = {
  __isTypeOf: (event) => event.kind === 'BUSINESS_EVENT',
  ...(eventFields as BusinessEventResolvers),
};
