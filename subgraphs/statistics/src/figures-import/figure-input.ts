import { SERVICE_CODE } from '@motcua/inputs';
import { z } from 'zod';
import { enumValues } from '../schema.ts';

const count = z.number().int().min(0, 'must not be negative');

/** One row of a dossier-figures import, with the rules it must follow. */
export const figureInput = z
  .object({
    serviceCode: z.string().regex(SERVICE_CODE, 'must be a national procedure code such as 1.001193'),
    unitCode: z.string().regex(/^(\d{2}|\d{5})$/, 'must be a province (2 digits) or commune (5 digits) code'),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM'),
    channel: z.enum(enumValues('Channel')),
    received: count,
    resolvedOnTime: count.default(0),
    resolvedLate: count.default(0),
    pending: count.default(0),
    rejected: count.default(0),
    paidOnline: count.nullish().transform((value) => value ?? null),
    fieldCode: z
      .string()
      .trim()
      .min(1)
      .nullish()
      .transform((value) => value ?? null),
  })
  .refine((row) => row.resolvedOnTime + row.resolvedLate <= row.received, {
    message: 'plus resolvedLate must not exceed received',
    path: ['resolvedOnTime'],
  })
  .refine((row) => row.month <= new Date().toISOString().slice(0, 7), {
    message: 'must not be in the future',
    path: ['month'],
  });

export type FigureRecord = z.output<typeof figureInput>;
