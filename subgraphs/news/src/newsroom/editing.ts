import { type EntityName, LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput, notFound, userError } from '@motcua/errors';
import type { z } from 'zod';
import { Article, Campaign } from '../entities/index.ts';
import { renditionQueue } from '../renditions/worker.ts';
import { webhookRuntime } from '../webhooks/settings.ts';
import { appendDueChanges } from './feed-log.ts';
import type { articleInput } from './inputs.ts';
import { sanitizeBody } from './sanitize.ts';

/** What an article's input becomes in the table, after checks against the other articles and campaigns. */
export async function articleFields(
  em: SqlEntityManager,
  input: z.output<typeof articleInput>,
  self?: Article,
) {
  const problems: string[] = [];
  const sameSlug = await em.findOne(Article, { slug: input.slug });
  if (sameSlug && sameSlug.id !== self?.id)
    problems.push(`slug ${input.slug} is already used by another article`);
  const original = input.translationOf ? await em.findOne(Article, { id: input.translationOf }) : null;
  if (input.translationOf && !original)
    problems.push(`translationOf ${input.translationOf} is not an article`);
  if (original && original.language === input.language)
    problems.push('a translation must be in another language');
  const campaigns = input.campaignIds.length
    ? await em.find(Campaign, { id: { $in: input.campaignIds } })
    : [];
  for (const id of input.campaignIds.filter((id) => !campaigns.some((campaign) => campaign.id === id))) {
    problems.push(`campaign ${id} does not exist`);
  }
  if (problems.length) throw badUserInput(`The article is not valid: ${problems.join('; ')}`, { problems });
  const { translationOf: _, bodyHtml, ...fields } = input;
  const body = sanitizeBody(bodyHtml);
  return {
    ...fields,
    bodyHtml: body.html,
    bodyText: body.text,
    ...(original ? { translationGroup: original.translationGroup } : {}),
  };
}

/**
 * Changes a row only if the editor started from its current version (optimistic concurrency, checked under a
 * row lock): a stale version is refused with CONFLICT, so nobody's change is silently overwritten. Article
 * changes partners may receive are appended to the feed's log in the same transaction.
 */
export async function writeVersioned<T extends Article | Campaign>(
  em: SqlEntityManager,
  entity: EntityName<T>,
  id: string,
  version: number,
  change: (row: T, tx: SqlEntityManager) => Promise<void> | void,
): Promise<T> {
  const what = entity === Article ? 'article' : 'campaign';
  const written = await em.transactional(async (tx) => {
    const row = (await tx.findOne(entity, { id } as never, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    })) as T | null;
    if (!row) throw notFound(`No ${what} has id ${id}`);
    if (row.version !== version) {
      throw userError(
        'CONFLICT',
        `The ${what} changed since version ${version}: it is now at version ${row.version}. Reload it and apply your change again.`,
        { currentVersion: row.version },
      );
    }
    await change(row, tx);
    row.version += 1;
    row.updatedAt = new Date();
    await tx.flush();
    if (entity === Article) await appendDueChanges(tx);
    return row;
  });
  // Committed: the deliveries queued with the change can go now rather than at the worker's next poll, and a
  // published article's renditions (queued by its new version) be made again.
  if (entity === Article) {
    webhookRuntime.wake();
    renditionQueue.wake();
  }
  return written;
}
