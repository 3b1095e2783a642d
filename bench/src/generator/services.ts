// The generated catalog: services in the hub's import format (`ServiceInput`), named like real Vietnamese
// procedures so that accent-free search has real work to do. Fields and agencies are those of the hub's example
// catalog (seeded at start in development): the import refuses unknown ones, and the hub has no import for them.
import type { DatasetParameters } from './parameters.ts';
import { hashString, pick, stream } from './random.ts';

export type OnlineLevel = 'INFORMATION' | 'PARTIAL' | 'FULL';

export type GeneratedService = {
  code: string;
  nameVi: string;
  descriptionVi: string;
  fieldCode: string;
  competentAgencyCode: string;
  levels: ('PROVINCE' | 'COMMUNE')[];
  onlineLevel: OnlineLevel;
  legacyOnlineLevel: number;
  channels: { kind: 'ONLINE' | 'IN_PERSON' | 'POST'; description: string | null }[];
  processingTime: string;
  processingDays: number;
  fees: { amountVnd: number; condition: string | null }[];
  documents: { name: string; copies: number; original: boolean; replaceableByPopulationDb: boolean }[];
  outputVi: string;
  legalBasis: string[];
  audiences: ('CITIZEN' | 'BUSINESS')[];
  integrations: string[];
  illustrativeAttributes: string[];
};

const VERBS = [
  'Đăng ký',
  'Cấp',
  'Cấp lại',
  'Cấp đổi',
  'Gia hạn',
  'Điều chỉnh',
  'Xác nhận',
  'Thẩm định',
  'Phê duyệt',
  'Chứng thực',
  'Thông báo',
  'Công nhận',
  'Thu hồi',
  'Hỗ trợ',
  'Giải quyết',
];

/** What a procedure is about, with the field of the example catalog it belongs to. */
const SUBJECTS: [string, string][] = [
  ['khai sinh', 'ho-tich'],
  ['kết hôn', 'ho-tich'],
  ['khai tử', 'ho-tich'],
  ['giám hộ', 'ho-tich'],
  ['nhận cha, mẹ, con', 'ho-tich'],
  ['bản sao từ sổ gốc', 'chung-thuc'],
  ['chữ ký trong giấy tờ, văn bản', 'chung-thuc'],
  ['hợp đồng, giao dịch', 'chung-thuc'],
  ['phiếu lý lịch tư pháp', 'ly-lich-tu-phap'],
  ['việc nuôi con nuôi', 'nuoi-con-nuoi'],
  ['hòa giải viên', 'hoa-giai-co-so'],
  ['thế chấp quyền sử dụng đất', 'dang-ky-bien-phap-bao-dam'],
  ['thường trú', 'cu-tru'],
  ['tạm trú', 'cu-tru'],
  ['lưu trú', 'cu-tru'],
  ['thẻ căn cước', 'can-cuoc'],
  ['doanh nghiệp', 'thanh-lap-va-hoat-dong-doanh-nghiep'],
  ['chi nhánh, văn phòng đại diện', 'thanh-lap-va-hoat-dong-doanh-nghiep'],
  ['hộ kinh doanh', 'ho-kinh-doanh'],
  ['giấy chứng nhận quyền sử dụng đất', 'dat-dai'],
  ['chuyển mục đích sử dụng đất', 'dat-dai'],
  ['giấy phép xây dựng', 'xay-dung'],
  ['giấy phép sửa chữa, cải tạo nhà ở', 'xay-dung'],
  ['giấy phép lái xe', 'giao-thong-duong-bo'],
  ['đăng ký xe', 'giao-thong-duong-bo'],
  ['trợ cấp thất nghiệp', 'lao-dong-viec-lam'],
  ['giấy phép lao động', 'lao-dong-viec-lam'],
  ['trợ cấp xã hội hằng tháng', 'bao-tro-xa-hoi'],
  ['hộ nghèo, hộ cận nghèo', 'giam-ngheo'],
  ['trợ cấp người có công', 'nguoi-co-cong'],
  ['giấy phép hoạt động khám bệnh, chữa bệnh', 'kham-chua-benh'],
  ['chứng chỉ hành nghề dược', 'duoc-pham'],
  ['tuyển sinh đầu cấp', 'giao-duc'],
  ['văn bằng, chứng chỉ', 'giao-duc'],
  ['mã số thuế', 'thue'],
  ['hoàn thuế thu nhập cá nhân', 'thue'],
  ['sổ bảo hiểm xã hội', 'bao-hiem'],
  ['thẻ bảo hiểm y tế', 'bao-hiem'],
  ['giấy phép môi trường', 'moi-truong'],
  ['hợp tác xã', 'phat-trien-nong-thon'],
  ['kiểm dịch động vật', 'thu-y'],
  ['đăng ký nghĩa vụ quân sự', 'nghia-vu-quan-su'],
];

const QUALIFIERS = [
  '',
  ' cho công dân Việt Nam cư trú trong nước',
  ' có yếu tố nước ngoài',
  ' cho hộ gia đình, cá nhân',
  ' đối với doanh nghiệp',
  ' trực tuyến toàn trình',
  ' lưu động',
  ' trong trường hợp bị mất, hỏng',
  ' tại Ủy ban nhân dân cấp xã',
  ' tại cơ quan cấp tỉnh',
];

/** Accent-free searches a portal's visitors type, each finding part of the generated catalog. */
export const SEARCH_TERMS = [
  'dang ky',
  'cap lai giay phep',
  'khai sinh',
  'ket hon',
  'ho kinh doanh',
  'giay phep xay dung',
  'thuong tru',
  'bao hiem xa hoi',
  'chung thuc',
  'gia han',
  'quyen su dung dat',
  'tro cap',
  'doanh nghiep',
  'the can cuoc',
  'yeu to nuoc ngoai',
  'khai sihn',
];

/** The province-level agency of the example catalog that decides on a field's procedures. */
const PROVINCE_AGENCY: Record<string, string> = {
  'ho-tich': 'STP-01',
  'chung-thuc': 'STP-01',
  'ly-lich-tu-phap': 'STP-01',
  'nuoi-con-nuoi': 'STP-01',
  'hoa-giai-co-so': 'STP-01',
  'dang-ky-bien-phap-bao-dam': 'VPDKDD-01',
  'cu-tru': 'CA-01-PC06',
  'can-cuoc': 'CA-01-PC06',
  'thanh-lap-va-hoat-dong-doanh-nghiep': 'STC-01-DKKD',
  'ho-kinh-doanh': 'STC-01-DKKD',
  'dat-dai': 'VPDKDD-01',
  'xay-dung': 'SXD-01',
  'giao-thong-duong-bo': 'CA-01-PC08',
  'lao-dong-viec-lam': 'TTDVVL-01',
  'bao-tro-xa-hoi': 'SNV-01',
  'giam-ngheo': 'SNV-01',
  'nguoi-co-cong': 'SNV-01',
  'kham-chua-benh': 'SYT-01',
  'duoc-pham': 'SYT-01',
  'giao-duc': 'SGDDT-01',
  thue: 'THUE-01',
  'bao-hiem': 'BHXH-01',
  'moi-truong': 'SNNMT-01',
  'phat-trien-nong-thon': 'SNNMT-01',
  'thu-y': 'SNNMT-01',
  'nghia-vu-quan-su': 'UBND-01',
};
const COMMUNE_AGENCIES = ['UBND-00004', 'UBND-00070', 'UBND-00166', 'UBND-09700'];
const POLICE_AGENCIES = ['CAX-00004', 'CAX-00070', 'CAX-00166', 'CAX-09700'];

const DOCUMENTS = [
  'Tờ khai theo mẫu',
  'Thẻ căn cước hoặc hộ chiếu còn giá trị',
  'Giấy tờ chứng minh nơi cư trú',
  'Bản sao giấy chứng nhận đăng ký',
  'Văn bản ủy quyền (nếu nộp thay)',
  'Ảnh chân dung 4x6 cm',
];
const LAWS = [
  'Luật Hộ tịch 2014',
  'Luật Cư trú 2020',
  'Luật Đất đai 2024',
  'Luật Xây dựng 2014',
  'Luật Doanh nghiệp 2020',
  'Nghị định 42/2022/NĐ-CP',
  'Nghị định 61/2018/NĐ-CP',
  'Nghị định 107/2021/NĐ-CP',
];
const INTEGRATIONS = [
  'POPULATION_DB',
  'SOCIAL_INSURANCE',
  'POLICE',
  'TAX',
  'LAND_REGISTRY',
  'BUSINESS_REGISTRY',
];

/** Service number `index` (0-based) has this national code: prefix 8, unused by the real catalog. */
export const serviceCode = (index: number) => `8.${String(index + 1).padStart(6, '0')}`;

/**
 * The services, most popular first (index 0 is the busiest: the portal scenarios and the facts favour the head of
 * the list, as real traffic does).
 */
export function generateServices(parameters: DatasetParameters): GeneratedService[] {
  const next = stream(hashString(`${parameters.seed}:services`));
  const names = new Set<string>();
  const services: GeneratedService[] = [];
  while (services.length < parameters.services) {
    const [subject, fieldCode] = pick(SUBJECTS, next());
    const name = `${pick(VERBS, next())} ${subject}${pick(QUALIFIERS, next())}`;
    if (names.has(name)) continue;
    names.add(name);
    const communeLevel = next() < parameters.communeLevelShare;
    const levelDraw = next();
    const onlineLevel: OnlineLevel = levelDraw < 0.45 ? 'FULL' : levelDraw < 0.8 ? 'PARTIAL' : 'INFORMATION';
    const police = fieldCode === 'cu-tru' || fieldCode === 'can-cuoc';
    const agencyDraw = next();
    const code = serviceCode(services.length);
    const documentCount = 1 + Math.floor(next() * 4);
    const documentStart = Math.floor(next() * DOCUMENTS.length);
    services.push({
      code,
      nameVi: name,
      descriptionVi: `${name}: tiếp nhận hồ sơ, thẩm tra và trả kết quả cho người dân, doanh nghiệp theo quy định (dữ liệu sinh cho benchmark).`,
      fieldCode,
      competentAgencyCode: communeLevel
        ? pick(police ? POLICE_AGENCIES : COMMUNE_AGENCIES, agencyDraw)
        : (PROVINCE_AGENCY[fieldCode] ?? 'UBND-01'),
      levels: communeLevel ? (next() < 0.2 ? ['PROVINCE', 'COMMUNE'] : ['COMMUNE']) : ['PROVINCE'],
      onlineLevel,
      legacyOnlineLevel: onlineLevel === 'FULL' ? 4 : onlineLevel === 'PARTIAL' ? 3 : 2,
      channels: [
        ...(onlineLevel === 'INFORMATION'
          ? []
          : [{ kind: 'ONLINE' as const, description: 'Cổng Dịch vụ công quốc gia' }]),
        { kind: 'IN_PERSON' as const, description: 'Bộ phận Một cửa' },
        ...(next() < 0.5 ? [{ kind: 'POST' as const, description: null }] : []),
      ],
      processingTime: 'Trong thời hạn quy định kể từ ngày nhận đủ hồ sơ hợp lệ',
      processingDays: Math.floor(next() * 30),
      fees: next() < 0.4 ? [] : [{ amountVnd: 1_000 * (5 + Math.floor(next() * 200)), condition: null }],
      documents: Array.from({ length: documentCount }, (_, offset) => ({
        name: DOCUMENTS[(documentStart + offset) % DOCUMENTS.length] ?? 'Tờ khai',
        copies: 1,
        original: offset === 0,
        replaceableByPopulationDb: offset === 1,
      })),
      outputVi: `Kết quả giải quyết thủ tục ${subject}`,
      legalBasis: [pick(LAWS, next()), pick(LAWS, next())].filter((law, at, all) => all.indexOf(law) === at),
      audiences: next() < 0.7 ? ['CITIZEN'] : next() < 0.5 ? ['BUSINESS'] : ['CITIZEN', 'BUSINESS'],
      integrations: next() < 0.5 ? [pick(INTEGRATIONS, next())] : [],
      illustrativeAttributes: ['generated'],
    });
  }
  return services;
}

/** How busy a service is, from 1 (the head of the list) down: drives the volumes of its figures. */
export const popularity = (index: number) => 1 / (1 + index / 40);
