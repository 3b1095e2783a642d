import { httpUrl, optionalText, requiredText, SERVICE_CODE, UNIT_CODE } from '@motcua/inputs';
import { z } from 'zod';
import { enumValues } from '../schema.ts';

const text = requiredText;
const isoDate = z.iso
  .date('must be a date written YYYY-MM-DD')
  .nullish()
  .transform((value) => value ?? null);
export const workingDays = z
  .number()
  .int()
  .min(0, 'must not be negative')
  .nullish()
  .transform((value) => value ?? null);
const fee = z.object({
  amountVnd: z.number().int().min(0, 'must not be negative'),
  condition: optionalText,
  kind: z
    .enum(enumValues('FeeKind'))
    .nullish()
    .transform((value) => value ?? null),
});
export const uniqueList = <T extends z.ZodType>(item: T) =>
  z.array(item).refine((values) => new Set(values).size === values.length, 'must not repeat a value');

/** A way to hand in a dossier, with its own time and fees where they differ. */
export const channelInput = z.object({
  kind: z.enum(enumValues('Channel')),
  description: optionalText,
  processingTime: optionalText,
  processingDays: workingDays,
  fees: z
    .array(fee)
    .nullish()
    .transform((value) => value ?? null),
});

/** Who may apply, or a condition to meet. */
export const requirementInput = z.object({
  kind: z.enum(enumValues('RequirementKind')),
  textVi: requiredText,
  textEn: optionalText,
});

/** A list that may be left out: absent or null is empty. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((value) => value ?? []);

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
    channels: listOf(channelInput),
    processingTime: optionalText,
    processingDays: workingDays,
    fees: z
      .array(fee)
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
    requirements: listOf(requirementInput),
    /** Null: the offerings stay as they are (a service's data and where it is offered often come apart). */
    offerings: z
      .array(
        z.object({
          unitCode: z.string().regex(UNIT_CODE, 'must be a unit code such as 01 or 00004'),
          onlineLevel: z
            .enum(enumValues('OnlineLevel'))
            .nullish()
            .transform((value) => value ?? null),
          allCommunes: z
            .boolean()
            .nullish()
            .transform((value) => value ?? false),
        }),
      )
      .nullish()
      .transform((value) => value ?? null),
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
  )
  // The two readings of the online level describe one service: levels 1 and 2 were information only, so a
  // fully online service cannot have been one, nor an information-only service a level 3 or 4.
  .refine(
    (service) =>
      service.legacyOnlineLevel === null ||
      (service.onlineLevel === 'FULL'
        ? service.legacyOnlineLevel >= 3
        : service.onlineLevel === 'INFORMATION'
          ? service.legacyOnlineLevel <= 2
          : true),
    {
      message:
        'contradicts onlineLevel: a FULL service was level 3 or 4 before 2022, an INFORMATION one level 1 or 2 (leave legacyOnlineLevel empty when unknown)',
      path: ['legacyOnlineLevel'],
    },
  );

export type ServiceRecord = z.output<typeof serviceInput>;
