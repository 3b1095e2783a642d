import type { SubgraphName } from '@motcua/config';
import { IDENTITY_HEADER, signPeerIdentity } from '@motcua/identity';

/** Where the other subgraphs answer (filled in by the hub once they listen). */
export type PeerUrls = Partial<Record<SubgraphName, string>>;

/**
 * How a subgraph asks another one directly, for the rare check it cannot leave to the gateway: where the peer
 * answers, and the signed identity to present, since every subgraph refuses unsigned calls. The subgraph calls as
 * itself with public rights, never on behalf of its caller.
 */
export type Peers = {
  url: (name: SubgraphName) => string | undefined;
  headers: (name: SubgraphName) => Promise<Record<string, string>>;
  /** How long a peer may take to answer: as long as the gateway waits for any subgraph (SUBGRAPH_TIMEOUT_MS). */
  timeoutMs: number;
};

export function createPeers(
  self: string,
  urls: PeerUrls,
  { peerSecret, timeoutMs }: { peerSecret: string; timeoutMs: number },
): Peers {
  return {
    url: (name) => urls[name],
    timeoutMs,
    headers: async (name) => ({
      'content-type': 'application/json',
      [IDENTITY_HEADER]: await signPeerIdentity(self, peerSecret, name),
    }),
  };
}
