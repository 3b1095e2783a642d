import type { TargetDirection } from '../generated/resolvers-types.ts';

/**
 * Hà Nội's Chương trình 08-CTr/TU on administrative reform, 2016–2020, as reported by the Department of Home
 * Affairs at the press briefing of 10 December 2020: 15 indicators, 11 met early and 4 expected by the end of
 * the year; 33 schemes and plans, 30 completed. The report names few indicators: the two named targets (online
 * public services above 80 %, satisfaction above 80 %) and the 25.4 % of procedures simplified are sourced;
 * every other name, target and yearly value is illustrative and flagged so.
 */
export const PROGRAMME = {
  code: '08-CTr-TU-2016-2020',
  name: 'Chương trình 08-CTr/TU của Thành ủy Hà Nội về đẩy mạnh cải cách hành chính giai đoạn 2016–2020',
  owner: 'Thành ủy Hà Nội',
  unitCode: '01',
  periodStart: '2016-10-18',
  periodEnd: '2020-12-31',
};

export const SOURCES = {
  report: {
    id: 'hn-noivu-2020-12-10',
    name: 'Báo cáo 5 năm thực hiện Chương trình 08-CTr/TU, giao ban báo chí ngày 10/12/2020',
    publisher: 'Sở Nội vụ Hà Nội (reported by Lao Động Thủ Đô)',
    methodology: 'Figures as stated at the press briefing; indicator statuses as of the briefing.',
    url: 'https://laodongthudo.vn/',
    illustrative: false,
    publishedAt: new Date('2020-12-10T10:00:00Z'),
  },
  illustrative: {
    id: 'motcua-illustrative',
    name: 'Illustrative figures generated for the demo',
    publisher: 'motcua',
    methodology: 'Made up for the demo, shaped after the published trend; not published data.',
    url: null,
    illustrative: true,
    publishedAt: null,
  },
} as const;

type Row = {
  vi: string;
  en: string;
  unit: string;
  direction: TargetDirection;
  target: number;
  /** 2016 baseline, then 2017, 2018, 2019, mid-2020 and end-2020 values (null where not measured). */
  values: (number | null)[];
  named?: boolean;
};

const PERIODS = [
  ['2016', '2016-12-31'],
  ['2017', '2017-12-31'],
  ['2018', '2018-12-31'],
  ['2019', '2019-12-31'],
  ['2020-H1', '2020-06-30'],
  ['2020', '2020-12-31'],
] as const;

export const INDICATORS: Row[] = [
  {
    vi: 'Tỷ lệ dịch vụ công trực tuyến mức độ 3, 4',
    en: 'Share of online public services (levels 3 and 4)',
    unit: '%',
    direction: 'AT_LEAST',
    target: 80,
    values: [40, 55, 70, 82, null, null],
    named: true,
  },
  {
    vi: 'Mức độ hài lòng của người dân, doanh nghiệp',
    en: 'Citizen and business satisfaction',
    unit: '%',
    direction: 'AT_LEAST',
    target: 80,
    values: [72, 76, 79, 81.5, null, null],
    named: true,
  },
  {
    vi: 'Tỷ lệ thủ tục hành chính được đơn giản hóa',
    en: 'Share of administrative procedures simplified',
    unit: '%',
    direction: 'AT_LEAST',
    target: 20,
    values: [0, 8, 15, 21, null, null],
  },
  {
    vi: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
    en: 'Dossiers resolved on time',
    unit: '%',
    direction: 'AT_LEAST',
    target: 95,
    values: [88, 91, 94, 96, null, null],
  },
  {
    vi: 'Tỷ lệ hồ sơ nộp trực tuyến',
    en: 'Dossiers submitted online',
    unit: '%',
    direction: 'AT_LEAST',
    target: 30,
    values: [2, 8, 18, 32, null, null],
  },
  {
    vi: 'Tỷ lệ văn bản điện tử trao đổi giữa các cơ quan',
    en: 'Electronic documents exchanged between agencies',
    unit: '%',
    direction: 'AT_LEAST',
    target: 90,
    values: [50, 70, 85, 92, null, null],
  },
  {
    vi: 'Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn',
    en: 'Commune officials meeting the standard',
    unit: '%',
    direction: 'AT_LEAST',
    target: 95,
    values: [85, 89, 93, 96, null, null],
  },
  {
    vi: 'Tỷ lệ xã, phường có bộ phận một cửa hiện đại',
    en: 'Communes with a modern one-stop shop',
    unit: '%',
    direction: 'AT_LEAST',
    target: 100,
    values: [40, 55, 70, 85, 95, 100],
  },
  {
    vi: 'Tỷ lệ cơ quan áp dụng ISO 9001',
    en: 'Agencies applying ISO 9001',
    unit: '%',
    direction: 'AT_LEAST',
    target: 100,
    values: [80, 90, 100, null, null, null],
  },
  {
    vi: 'Tỷ lệ hồ sơ trễ hạn',
    en: 'Dossiers resolved late',
    unit: '%',
    direction: 'AT_MOST',
    target: 5,
    values: [12, 9, 6, 4, null, null],
  },
  {
    vi: 'Tỷ lệ hồ sơ, kết quả được số hóa',
    en: 'Dossiers and results digitised',
    unit: '%',
    direction: 'AT_LEAST',
    target: 50,
    values: [5, 15, 28, 40, 47, 52],
  },
  {
    vi: 'Tỷ lệ thanh toán phí, lệ phí trực tuyến',
    en: 'Fees paid online',
    unit: '%',
    direction: 'AT_LEAST',
    target: 20,
    values: [0, 2, 6, 12, 18.5, 21],
  },
  {
    vi: 'Tỷ lệ đơn vị sự nghiệp tự chủ tài chính',
    en: 'Public service units financially autonomous',
    unit: '%',
    direction: 'AT_LEAST',
    target: 30,
    values: [10, 18, 26, 31, null, null],
  },
  {
    vi: 'Mức giảm chi phí tuân thủ thủ tục hành chính',
    en: 'Reduction of compliance costs',
    unit: '%',
    direction: 'AT_LEAST',
    target: 20,
    values: [0, 7, 14, 21, null, null],
  },
  {
    vi: 'Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn',
    en: 'Citizen feedback handled on time',
    unit: '%',
    direction: 'AT_LEAST',
    target: 95,
    values: [70, 78, 85, 90, 93, 96],
  },
];

/** The 25.4 % of procedures simplified is the report's own figure, for the whole programme period. */
export const REPORTED_SIMPLIFICATION = {
  indicator: 3,
  period: '2016–2020 (report)',
  periodEnd: '2020-11-30',
  value: 25.4,
};

export const indicatorId = (position: number) => `${PROGRAMME.code}.${String(position).padStart(2, '0')}`;

export function valueRows() {
  return INDICATORS.flatMap((row, index) =>
    row.values.flatMap((value, period) => {
      const [label, periodEnd] = PERIODS[period] ?? [];
      return value === null || !label || !periodEnd
        ? []
        : [{ indicator: indicatorId(index + 1), period: label, periodEnd, value }];
    }),
  );
}

export const SCHEMES = { total: 33, completed: 30 };
