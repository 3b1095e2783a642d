// The first version of the index's criteria. Decision 766/QĐ-TTg (23 June 2022) fixes the five groups and their
// maximum points (publicity and transparency 18, progress and results 20, digitisation 22, online services 22,
// satisfaction 18 = 100); the public summaries the hub has do not give every criterion's exact formula and
// thresholds, so these are illustrative: the Decision's shape, not its official figures. A later version (a new
// row of service_index_criteria_set, effective from its day) replaces them without rescoring earlier periods.

type Criterion = {
  code: string;
  group: 'PUBLICITY' | 'PROGRESS' | 'DIGITISATION' | 'ONLINE_SERVICES' | 'SATISFACTION';
  nameVi: string;
  nameEn: string;
  numerator: string;
  denominator: string;
  numeratorNounVi: string;
  numeratorNounEn: string;
  maxPoints: number;
} & (
  | { formula: 'BANDS'; bands: { atLeast: number; points: number }[] }
  | { formula: 'PROPORTIONAL'; target: number }
);

export const CRITERIA_766_ILLUSTRATIVE = {
  version: '766-2022-illustrative',
  name: 'Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg): minh họa',
  effectiveFrom: '2022-06-23',
  illustrative: true,
  note: 'Group weights from Decision 766/QĐ-TTg (18, 20, 22, 22, 18); criteria, formulas and thresholds illustrative.',
  criteria: [
    {
      code: 'P1',
      group: 'PUBLICITY',
      nameVi: 'Thủ tục hành chính được công khai đầy đủ, đúng hạn trên Cổng Dịch vụ công quốc gia',
      nameEn: 'Procedures published completely and on time on the national portal',
      formula: 'PROPORTIONAL',
      target: 1,
      numerator: 'PUBLISHED_PROCEDURES',
      denominator: 'PROCEDURES',
      numeratorNounVi: 'thủ tục được công khai',
      numeratorNounEn: 'procedures published',
      maxPoints: 8,
    },
    {
      code: 'P2',
      group: 'PUBLICITY',
      nameVi: 'Hồ sơ được đồng bộ trạng thái lên Cổng Dịch vụ công quốc gia',
      nameEn: 'Dossiers whose progress is synchronised to the national portal',
      formula: 'BANDS',
      bands: [
        { atLeast: 0.95, points: 10 },
        { atLeast: 0.8, points: 6 },
        { atLeast: 0.5, points: 3 },
      ],
      numerator: 'SYNCED_DOSSIERS',
      denominator: 'RECEIVED',
      numeratorNounVi: 'hồ sơ được đồng bộ',
      numeratorNounEn: 'dossiers synchronised',
      maxPoints: 10,
    },
    {
      code: 'R1',
      group: 'PROGRESS',
      nameVi: 'Hồ sơ được giải quyết đúng hạn',
      nameEn: 'Dossiers resolved on time',
      formula: 'BANDS',
      bands: [
        { atLeast: 0.98, points: 20 },
        { atLeast: 0.95, points: 16 },
        { atLeast: 0.9, points: 12 },
        { atLeast: 0.8, points: 8 },
      ],
      numerator: 'RESOLVED_ON_TIME',
      denominator: 'RESOLVED',
      numeratorNounVi: 'hồ sơ giải quyết đúng hạn',
      numeratorNounEn: 'dossiers resolved on time',
      maxPoints: 20,
    },
    {
      code: 'D1',
      group: 'DIGITISATION',
      nameVi: 'Hồ sơ được số hóa khi tiếp nhận',
      nameEn: 'Dossiers digitised when received',
      formula: 'PROPORTIONAL',
      target: 1,
      numerator: 'DIGITISED_DOSSIERS',
      denominator: 'RECEIVED',
      numeratorNounVi: 'hồ sơ được số hóa',
      numeratorNounEn: 'dossiers digitised',
      maxPoints: 8,
    },
    {
      code: 'D2',
      group: 'DIGITISATION',
      nameVi: 'Kết quả giải quyết được số hóa',
      nameEn: 'Results issued as electronic documents',
      formula: 'PROPORTIONAL',
      target: 1,
      numerator: 'DIGITISED_RESULTS',
      denominator: 'RESOLVED',
      numeratorNounVi: 'kết quả được số hóa',
      numeratorNounEn: 'results digitised',
      maxPoints: 8,
    },
    {
      code: 'D3',
      group: 'DIGITISATION',
      nameVi: 'Hồ sơ tái sử dụng dữ liệu đã số hóa',
      nameEn: 'Dossiers reusing digitised data',
      formula: 'PROPORTIONAL',
      target: 0.5,
      numerator: 'REUSED_DOSSIERS',
      denominator: 'RECEIVED',
      numeratorNounVi: 'hồ sơ tái sử dụng dữ liệu',
      numeratorNounEn: 'dossiers reusing data',
      maxPoints: 6,
    },
    {
      code: 'O1',
      group: 'ONLINE_SERVICES',
      nameVi: 'Hồ sơ được tiếp nhận trực tuyến',
      nameEn: 'Dossiers received online',
      formula: 'BANDS',
      bands: [
        { atLeast: 0.8, points: 12 },
        { atLeast: 0.6, points: 9 },
        { atLeast: 0.4, points: 6 },
        { atLeast: 0.2, points: 3 },
      ],
      numerator: 'RECEIVED_ONLINE',
      denominator: 'RECEIVED',
      numeratorNounVi: 'hồ sơ nộp trực tuyến',
      numeratorNounEn: 'dossiers received online',
      maxPoints: 12,
    },
    {
      code: 'O2',
      group: 'ONLINE_SERVICES',
      nameVi: 'Hồ sơ thanh toán trực tuyến',
      nameEn: 'Fees paid online',
      formula: 'PROPORTIONAL',
      target: 0.8,
      numerator: 'PAID_ONLINE',
      denominator: 'FEE_DOSSIERS',
      numeratorNounVi: 'hồ sơ thanh toán trực tuyến',
      numeratorNounEn: 'fees paid online',
      maxPoints: 10,
    },
    {
      code: 'S1',
      group: 'SATISFACTION',
      nameVi: 'Mức độ hài lòng của người dân, doanh nghiệp',
      nameEn: 'Satisfaction of citizens and businesses',
      formula: 'BANDS',
      bands: [
        { atLeast: 0.9, points: 18 },
        { atLeast: 0.8, points: 12 },
        { atLeast: 0.7, points: 6 },
      ],
      numerator: 'SATISFIED',
      denominator: 'RESPONDENTS',
      numeratorNounVi: 'người hài lòng',
      numeratorNounEn: 'satisfied respondents',
      maxPoints: 18,
    },
  ] satisfies Criterion[],
};
