import { httpUrl, optionalText, requiredText, SERVICE_CODE } from '@motcua/inputs';
import { z } from 'zod';
import { enumValues } from '../schema.ts';
import { channelInput, listOf, requirementInput, uniqueList, workingDays } from './service-input.ts';

/** An event's code is a slug people can read in a URL ("having-a-child"). */
const EVENT_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const serviceCode = z.string().regex(SERVICE_CODE, 'must be a national procedure code such as 1.001193');
const position = z.number().int().min(1, 'must be 1 or more').max(999, 'must be at most 999');
const optionalBoolean = z
  .boolean()
  .nullish()
  .transform((value) => value ?? false);

const stepInput = z.object({
  position,
  serviceCode,
  optional: optionalBoolean,
  choice: optionalText,
  noteVi: optionalText,
  noteEn: optionalText,
});
type StepRecord = z.output<typeof stepInput>;

/**
 * What makes a list of steps readable as a procedure: numbered 1, 2, 3… in the order sent (steps done in any order
 * share a number), each service once, and the alternatives of one choice at one position, at least two of them,
 * all optional or none.
 */
function stepProblems(steps: StepRecord[]): string[] {
  const problems: string[] = [];
  const first = steps[0];
  if (first && first.position !== 1) problems.push(`steps.0.position must be 1, not ${first.position}`);
  steps.forEach((step, index) => {
    const previous = steps[index - 1];
    if (previous && step.position !== previous.position && step.position !== previous.position + 1)
      problems.push(
        `steps.${index}.position ${step.position} follows ${previous.position}: number the steps 1, 2, 3… in order, giving steps done in any order the same number`,
      );
    const earlier = steps.findIndex((other) => other.serviceCode === step.serviceCode);
    if (earlier < index)
      problems.push(`steps.${index}.serviceCode ${step.serviceCode} is already step ${earlier}`);
  });
  const choices = Map.groupBy(
    steps.filter((step) => step.choice !== null),
    (step) => step.choice as string,
  );
  for (const [choice, alternatives] of choices) {
    const positions = [...new Set(alternatives.map((step) => step.position))];
    if (alternatives.length < 2)
      problems.push(`choice ${choice} has one step: a choice is between two or more alternatives`);
    if (positions.length > 1)
      problems.push(
        `choice ${choice} has steps at positions ${positions.join(' and ')}: alternatives share one position`,
      );
    if (new Set(alternatives.map((step) => step.optional)).size > 1)
      problems.push(`choice ${choice} has optional and required steps: make them all one or the other`);
  }
  return problems;
}

/** A life or business event as a data officer imports it: the event and its steps, replacing what it had. */
export const eventInput = z
  .object({
    code: z
      .string()
      .max(100, 'must be at most 100 characters')
      .regex(EVENT_CODE, 'must be a slug such as having-a-child'),
    kind: z.enum(enumValues('EventKind')),
    nameVi: requiredText,
    nameEn: optionalText,
    descriptionVi: optionalText,
    descriptionEn: optionalText,
    position,
    steps: z.array(stepInput).min(1, 'must have at least one step').max(100, 'must have at most 100 steps'),
    illustrativeAttributes: listOf(requiredText),
  })
  .superRefine((event, context) => {
    for (const message of stepProblems(event.steps)) context.addIssue({ code: 'custom', message });
  });
export type EventRecord = z.output<typeof eventInput>;

/** A joined-up procedure as a data officer imports it: its own data and its member services, in order. */
export const bundleInput = z.object({
  code: serviceCode,
  nameVi: requiredText,
  nameEn: optionalText,
  descriptionVi: optionalText,
  descriptionEn: optionalText,
  agencyCodes: uniqueList(requiredText).min(1, 'must name at least one agency'),
  serviceCodes: uniqueList(serviceCode)
    .min(2, 'must name at least two services: a joined-up procedure joins several')
    .max(50, 'must name at most 50 services'),
  processingTime: optionalText,
  processingDays: workingDays,
  onlineLevel: z.enum(enumValues('OnlineLevel')),
  channels: listOf(channelInput),
  requirements: listOf(requirementInput),
  legalBasis: listOf(requiredText),
  eventCode: optionalText,
  officialUrl: httpUrl.nullish().transform((value) => value ?? null),
  illustrativeAttributes: listOf(requiredText),
});
export type BundleRecord = z.output<typeof bundleInput>;
