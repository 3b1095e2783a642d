export {
  IDENTITY_HEADER,
  type IdentityKeys,
  IdentityRejected,
  isGatewayServiceCall,
  requireGatewayIdentity,
  SERVICE_SUBJECTS,
  type Signer,
  signIdentity,
  signPeerIdentity,
  signServiceIdentity,
  verifyIdentity,
} from './signed-identity.ts';
