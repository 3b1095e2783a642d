import type { WebhookEndpointResolvers } from '../generated/resolvers-types.ts';
import { liveSecrets } from '../webhooks/signing.ts';

export const WebhookEndpoint: WebhookEndpointResolvers = {
  // Never the secrets themselves: they are shown once, when made.
  secrets: (endpoint) =>
    liveSecrets(endpoint.secrets).map((secret) => ({
      prefix: `${secret.secret.slice(0, 10)}…`,
      createdAt: new Date(secret.createdAt),
      expiresAt: secret.expiresAt ? new Date(secret.expiresAt) : null,
    })),
};
