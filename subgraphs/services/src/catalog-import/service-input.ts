import { httpUrl, optionalText, requiredText, SERVICE_CODE } from '@motcua/inputs';
import { z } from 'zod';
import { enumValues } from '../schema.ts';

const text = requiredText;
const isoDate = z.iso
  .date('must be a date written YYYY-MM-DD')
  .nullish()
  .transform((value) => value ?? null);
const uniqueList = <T extends z.ZodType>(item: T) =>
  z.array(item).refine((values) => new Set(values).size === values.length, 'must not repeat a value');

/**
 * One service of a catalog import, as data officers send it (GraphQL `ServiceInput`, a JSON array, or a CSV row),
 * with the rules a row must follow. Parsing also fills the defaults, so stored rows are always complete.
 */
export const serviceInput = z
  .object({
    code: z.string().regex(SERVICE_CODE, 'must be a national procedure code such as 1.001193'),
    nameVi: text,
    nameEn: optionalText,
    descriptionVi: optionalText,
    descriptionEn: optionalText,
    fieldCode: text,
    competentAgencyCode: text,
    implementingAgencyCodes: uniqueList(text).nullish(),
    levels: uniqueList(z.enum(enumValues('AdministrativeLevel'))).min(1, 'must name at least one level'),
    onlineLevel: z.enum(enumValues('OnlineLevel')),
    legacyOnlineLevel: z
      .number()
      .int()
      .min(1)
      .max(4)
      .nullish()
      .transform((value) => value ?? null),
    channels: z
      .array(z.object({ kind: z.enum(enumValues('Channel')), description: optionalText }))
      .nullish()
      .transform((value) => value ?? []),
    processingTime: optionalText,
    processingDays: z
      .number()
      .int()
      .min(0, 'must not be negative')
      .nullish()
      .transform((value) => value ?? null),
    fees: z
      .array(
        z.object({ amountVnd: z.number().int().min(0, 'must not be negative'), condition: optionalText }),
      )
      .nullish()
      .transform((value) => value ?? []),
    documents: z
      .array(
        z.object({
          name: text,
          copies: z.number().int().min(0, 'must not be negative'),
          original: z.boolean(),
          replaceableByPopulationDb: z.boolean(),
        }),
      )
      .nullish()
      .transform((value) => value ?? []),
    outputVi: optionalText,
    outputEn: optionalText,
    legalBasis: z
      .array(text)
      .nullish()
      .transform((value) => value ?? []),
    audiences: uniqueList(z.enum(enumValues('Audience'))).min(1, 'must name at least one audience'),
    integrations: uniqueList(z.enum(enumValues('DataIntegration')))
      .nullish()
      .transform((value) => value ?? []),
    status: z
      .enum(enumValues('ServiceStatus'))
      .nullish()
      .transform((value) => value ?? 'ACTIVE'),
    effectiveFrom: isoDate,
    effectiveTo: isoDate,
    officialUrl: httpUrl.nullish().transform((value) => value ?? null),
    illustrativeAttributes: z
      .array(text)
      .nullish()
      .transform((value) => value ?? []),
  })
  .transform((service) => ({
    ...service,
    implementingAgencyCodes: service.implementingAgencyCodes ?? [service.competentAgencyCode],
  }))
  .refine(
    (service) =>
      !service.effectiveFrom || !service.effectiveTo || service.effectiveFrom <= service.effectiveTo,
    { message: 'effectiveTo must not be before effectiveFrom', path: ['effectiveTo'] },
  );

export type ServiceRecord = z.output<typeof serviceInput>;
