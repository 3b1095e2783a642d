import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { ROLE_SCOPES } from '@motcua/roles';
import { ApiKey } from '../entities/index.ts';
import { DEMO_KEYS } from '../keys/demo-keys.ts';
import { hashKey, idOfKey } from '../keys/key-secret.ts';

const DEMO_KEY_IDS = DEMO_KEYS.map((demo) => idOfKey(demo.key) as string);

/**
 * Seeds the demo keys (see DEMO_KEYS) that are missing, and reinstates those a start without the example data
 * revoked: the keys `pnpm start` prints always work.
 */
export class DemoKeysSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const existing = new Map(
      (await em.find(ApiKey, { id: { $in: DEMO_KEY_IDS } })).map((apiKey) => [apiKey.id, apiKey]),
    );
    for (const demo of DEMO_KEYS) {
      const id = idOfKey(demo.key) as string;
      const seeded = existing.get(id);
      if (seeded) {
        seeded.revokedAt = null;
        continue;
      }
      em.create(ApiKey, {
        id,
        secretHash: hashKey(demo.key),
        owner: demo.owner,
        role: demo.role,
        scopes: [...ROLE_SCOPES[demo.role]],
        partnerCode: demo.partnerCode,
        createdBy: 'seed',
      });
    }
    await em.flush();
  }
}

/** Revokes the demo keys a database may still hold from a start with the example data. */
export async function revokeDemoKeys(em: SqlEntityManager): Promise<void> {
  await em.nativeUpdate(ApiKey, { id: { $in: DEMO_KEY_IDS }, revokedAt: null }, { revokedAt: new Date() });
}
