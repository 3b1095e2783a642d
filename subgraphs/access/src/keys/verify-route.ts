import type { Orm } from '@motcua/db';
import { logger } from '@motcua/graphql-kit';
import express, { type Router } from 'express';
import { KeyRejected, verifyKey } from './key-store.ts';

/**
 * `POST /keys/verify` `{ "key": "mc_…" }`: who the key stands for (200 `{ caller }`), or why it is refused (401
 * `{ message }`). Only the gateway calls it, like every route of a subgraph it needs the gateway's signature.
 */
export const keyVerificationRoutes = (orm: Orm): Router =>
  express.Router().post('/keys/verify', express.json(), async (req, res, next) => {
    const key: unknown = req.body?.key;
    if (typeof key !== 'string') return void res.status(400).json({ message: 'Send { "key": "mc_…" }' });
    try {
      const caller = await verifyKey(orm.em.fork(), key);
      logger.info({ subgraph: 'access', keyId: caller.keyId, role: caller.role }, 'api key accepted');
      res.json({ caller });
    } catch (error) {
      if (!(error instanceof KeyRejected)) return next(error);
      // Refusals are logged for the operators: repeated ones from one address are someone guessing.
      logger.warn({ subgraph: 'access', reason: error.message }, 'api key refused');
      res.status(401).json({ message: error.message });
    }
  });
