import type { Orm } from '@motcua/db';
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
      res.json({ caller: await verifyKey(orm.em.fork(), key) });
    } catch (error) {
      if (!(error instanceof KeyRejected)) return next(error);
      res.status(401).json({ message: error.message });
    }
  });
