import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { ROLE_SCOPES } from '@motcua/graphql-kit';
import { ApiKey } from '../entities/index.ts';
import { DEMO_KEYS } from '../keys/demo-keys.ts';
import { hashKey, idOfKey } from '../keys/key-secret.ts';

/** Seeds the demo keys (see DEMO_KEYS) that are missing; a revoked demo key stays revoked. */
export class DemoKeysSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    for (const demo of DEMO_KEYS) {
      const id = idOfKey(demo.key) as string;
      if (await em.findOne(ApiKey, { id })) continue;
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
