import type { ServiceIndexImprovementResolvers } from '../generated/resolvers-types.ts';

const points = (value: number) => `+${Number(value.toFixed(2))}`;

/** What the next points of a criterion need, in words (the numerator's noun comes with the criterion). */
export const ServiceIndexImprovement: ServiceIndexImprovementResolvers = {
  description: (raise, { language }) =>
    language === 'EN'
      ? `${raise.more} more ${raise.nounEn} for ${points(raise.pointsGained)} points`
      : `Thêm ${raise.more} ${raise.nounVi}: ${points(raise.pointsGained)} điểm`,
};
