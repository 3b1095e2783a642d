import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput, batchRejection, type RowProblem } from '@motcua/errors';
import { problemsOf } from '@motcua/inputs';
import { z } from 'zod';

/** Letters, digits and single spaces: what a search reads as words, so a phrase can be found in a search. */
const phrase = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[\p{L}\p{N}]+( [\p{L}\p{N}]+)*$/u, 'must be words of letters and digits separated by one space');

const synonymInput = z.object({ term: phrase, synonym: phrase });

export type ReplaceSummary = { added: number; removed: number; unchanged: number };

/** Lower case without diacritics, as PostgreSQL's `search_text` has it, to find pairs that would collide. */
const plain = (value: string) =>
  value.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/giu, 'd').toLowerCase();

/**
 * Replaces the synonym table with `rows`, all or nothing, in one transaction: pairs not in the list are removed,
 * new ones added, the others left alone, so the same list sent twice changes nothing. A bad row (empty, not
 * words, the same on both sides once diacritics are ignored, or a repeat of another pair either way round)
 * rejects the batch with BAD_USER_INPUT and `extensions.rows`.
 */
export async function replaceSynonyms(em: SqlEntityManager, rows: unknown[]): Promise<ReplaceSummary> {
  if (rows.length === 0) throw badUserInput('The list is empty: send at least one pair');
  const problems: RowProblem[] = [];
  const pairs: { term: string; synonym: string }[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = index + 1;
    const parsed = synonymInput.safeParse(raw);
    if (!parsed.success) {
      problems.push({ row, code: null, reasons: problemsOf(parsed) });
      return;
    }
    const { term, synonym } = parsed.data;
    const reasons: string[] = [];
    if (plain(term) === plain(synonym))
      reasons.push('term and synonym are the same once diacritics are ignored');
    const key = [plain(term), plain(synonym)].sort().join('\u0000');
    const first = firstRowOf.get(key);
    if (first !== undefined) reasons.push(`the same pair already appears in row ${first}`);
    else firstRowOf.set(key, row);
    if (reasons.length) problems.push({ row, code: null, reasons });
    else pairs.push(parsed.data);
  });
  if (problems.length) throw batchRejection(problems, rows.length);
  return em.transactional(async (tx) => {
    const [counts] = await tx.execute<{ added: number; removed: number }[]>(
      `with incoming as (select * from jsonb_to_recordset(?::jsonb) as r("term" text, "synonym" text)),
       removed as (
         delete from services.search_synonym s
         where not exists (select 1 from incoming i where i.term = s.term and i.synonym = s.synonym)
         returning 1
       ), added as (
         insert into services.search_synonym (term, synonym) select term, synonym from incoming
         on conflict (term, synonym) do nothing returning 1
       )
       select (select count(*) from added)::int as added, (select count(*) from removed)::int as removed`,
      [JSON.stringify(pairs)],
    );
    const added = counts?.added ?? 0;
    return { added, removed: counts?.removed ?? 0, unchanged: pairs.length - added };
  });
}
