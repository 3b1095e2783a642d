import type { Orm } from '@motcua/db';
import { isGatewayServiceCall, SERVICE_SUBJECTS, type Signer } from '@motcua/identity';
import { logger, requestIds } from '@motcua/observability';
import type { Caller } from '@motcua/roles';
import express, { type Router } from 'express';
import { KeyRejected, verifyKey } from './key-store.ts';

/**
 * `POST /keys/verify` `{ "key": "mc_…" }`: who the key stands for (200 `{ caller }`), or why it is refused (401
 * `{ message }`). Only the gateway's key check may call it: an identity the gateway signed for a client, replayed
 * here, would let someone guess keys past the gateway's rate limits.
 */
export const keyVerificationRoutes = (orm: Orm): Router =>
  express.Router().post('/keys/verify', express.json(), async (req, res, next) => {
    if (
      !isGatewayServiceCall(
        res.locals.caller as Caller,
        res.locals.signer as Signer,
        SERVICE_SUBJECTS.keyCheck,
      )
    ) {
      return void res.status(403).json({ message: "Only the gateway's key check may verify keys" });
    }
    const key: unknown = req.body?.key;
    if (typeof key !== 'string') return void res.status(400).json({ message: 'Send { "key": "mc_…" }' });
    const requestId = requestIds.getStore();
    try {
      const caller = await verifyKey(orm.em.fork(), key);
      logger.info(
        { subgraph: 'access', requestId, keyId: caller.keyId, role: caller.role },
        'api key accepted',
      );
      res.json({ caller });
    } catch (error) {
      if (!(error instanceof KeyRejected)) return next(error);
      // Refusals are logged for the operators: repeated ones from one address are someone guessing.
      logger.warn({ subgraph: 'access', requestId, reason: error.message }, 'api key refused');
      res.status(401).json({ message: error.message });
    }
  });
