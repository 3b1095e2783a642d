import type { Config } from '@motcua/config';
import { IDENTITY_HEADER, SERVICE_SUBJECTS, signServiceIdentity } from '@motcua/graphql-kit';

const PEER_NAMES = ['services', 'statistics', 'news', 'access'] as const;

export type PeerName = (typeof PEER_NAMES)[number];

/** Where the other subgraphs answer (filled in by the hub once they listen). */
export type PeerUrls = Partial<Record<PeerName, string>>;

/**
 * How a subgraph asks another one directly, for the rare check it cannot leave to the gateway: where the peer
 * answers, and the signed identity to present, since every subgraph refuses unsigned calls. The subgraph calls as
 * itself with public rights, never on behalf of its caller.
 */
export type Peers = {
  url: (name: PeerName) => string | undefined;
  headers: (name: PeerName) => Promise<Record<string, string>>;
};

export function createPeers(self: string, urls: PeerUrls, gatewaySecret: string): Peers {
  return {
    url: (name) => urls[name],
    headers: async (name) => ({
      'content-type': 'application/json',
      [IDENTITY_HEADER]: await signServiceIdentity(SERVICE_SUBJECTS.peer(self), gatewaySecret, name),
    }),
  };
}

/** The configured subgraph URLs, each defaulting to its mount in a local hub on SUBGRAPHS_PORT. */
export function configuredPeerUrls(config: Config): PeerUrls {
  const local = (name: PeerName) => `http://${config.host}:${config.subgraphsPort}/${name}/graphql`;
  return Object.fromEntries(PEER_NAMES.map((name) => [name, config.subgraphUrls[name] ?? local(name)]));
}
