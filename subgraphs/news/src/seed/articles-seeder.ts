import type { EntityManager, RequiredEntityData } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Article, Campaign, MediaPartner } from '../entities/index.ts';
import { appendDueChanges } from '../newsroom/feed-log.ts';
import { sanitizeBody } from '../newsroom/sanitize.ts';

const JUSTICE_SERVICES = ['1.001193', '1.000656', '1.000894', '2.000815'];
const CAMPAIGN_COMMUNES = ['00004', '00070', '00166', '09700'];
/** Births, deaths and residence: what elderly citizens most often come to the one-stop shop for. */
const CAMPAIGN_SERVICES = ['1.001193', '1.000656', '1.004222'];

/**
 * The source story, a Lao Động Thủ Đô report of a briefing held on 10 December 2020 (a summary in our own words
 * and a link to the publisher, never the original text), and an illustrative outreach campaign for elderly
 * citizens with its press release (in Vietnamese and English), an explainer, a draft, and two media partners.
 * Everything but the source story is illustrative and says so in its text. Runs once.
 */
export class ArticlesSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    if ((await em.count(Article)) > 0) return;
    const partners = [
      em.create(MediaPartner, {
        code: 'hanoimoi',
        name: 'Báo Hà Nội Mới (illustrative partner)',
        contactEmail: 'toasoan@example.org',
        embargoRights: true,
        licences: ['MOTCUA-PRESS', 'CC-BY-4.0'],
      }),
      em.create(MediaPartner, {
        code: 'dai-phat-thanh-xa',
        name: 'Đài truyền thanh cơ sở (illustrative partner)',
        contactEmail: null,
        embargoRights: false,
        licences: ['MOTCUA-PRESS'],
      }),
    ];
    const campaign = em.create(Campaign, {
      name: 'Người cao tuổi dùng dịch vụ công trực tuyến (illustrative)',
      objective:
        'Tăng tỷ lệ hồ sơ trực tuyến của người cao tuổi đối với các thủ tục hộ tịch, bằng hướng dẫn tại bộ phận một cửa, loa truyền thanh cơ sở và báo chí.',
      audiences: ['ELDERLY'],
      startsOn: '2026-09-01',
      endsOn: '2026-12-31',
      channels: ['PRESS', 'COMMUNITY_LOUDSPEAKERS', 'ONE_STOP_SHOP_DESKS', 'TV'],
      targetServiceCodes: CAMPAIGN_SERVICES,
      targetUnitCodes: CAMPAIGN_COMMUNES,
      partnerCodes: partners.map((partner) => partner.code),
    });
    /** What the campaign's press release says about itself, in both of its languages. */
    const pressRelease = {
      kind: 'PRESS_RELEASE' as const,
      topicCodes: ['11006000', '14000000'],
      copyrightHolder: 'Thành phố Hà Nội',
      licence: 'CC-BY-4.0',
      serviceCodes: CAMPAIGN_SERVICES,
      unitCodes: CAMPAIGN_COMMUNES,
      campaignIds: [campaign.id],
      status: 'PUBLISHED' as const,
    };
    const article = (fields: RequiredEntityData<Article> & { body: string }) => {
      const { body, ...rest } = fields;
      const clean = sanitizeBody(body);
      return em.create(Article, { ...rest, bodyHtml: clean.html, bodyText: clean.text });
    };
    article({
      slug: 'ha-noi-dung-dau-toan-quoc-ve-luong-ho-so-giao-dich-qua-mang',
      headline: 'Hà Nội đứng đầu toàn quốc về lượng hồ sơ giao dịch qua mạng',
      summary:
        'Tại buổi giao ban báo chí của Ban Tuyên giáo Thành ủy ngày 10/12/2020, Sở Nội vụ Hà Nội báo cáo 5 năm thực hiện ' +
        'Chương trình 08-CTr/TU về cải cách hành chính: 11 trên 15 chỉ tiêu đã đạt trước thời hạn, 30 trên 33 đề án, kế hoạch ' +
        'đã hoàn thành; Hà Nội dẫn đầu cả nước về số hồ sơ nộp trực tuyến, và dịch vụ công mức độ 3 trong lĩnh vực tư pháp ' +
        'đã có ở 100% xã, phường, thị trấn.',
      body:
        '<p>Tóm tắt của motcua (không phải nguyên văn): Sở Nội vụ Hà Nội cho biết thành phố dẫn đầu cả nước về lượng hồ sơ nộp qua mạng, ' +
        'đạt sớm 11 trên 15 chỉ tiêu của Chương trình 08-CTr/TU giai đoạn 2016–2020.</p>' +
        '<p>Đọc bài gốc trên <a href="https://laodongthudo.vn/">Lao Động Thủ Đô</a>.</p>',
      language: 'VI',
      kind: 'NEWS',
      byline: 'Lao Động Thủ Đô',
      sourcePublisher: 'Lao Động Thủ Đô (laodongthudo.vn)',
      sourceUrl: 'https://laodongthudo.vn/',
      topicCodes: ['11006000'],
      copyrightHolder: 'Lao Động Thủ Đô',
      licence: 'MOTCUA-PRESS',
      usageTerms: 'Summary and link only; the original text belongs to its publisher.',
      serviceCodes: JUSTICE_SERVICES,
      unitCodes: ['01'],
      // The report's headline figures: online services, satisfaction, procedures simplified (statistics' indicators).
      indicatorIds: ['08-CTr-TU-2016-2020.01', '08-CTr-TU-2016-2020.02', '08-CTr-TU-2016-2020.03'],
      status: 'PUBLISHED',
      publishedAt: new Date('2020-12-10T10:00:00Z'),
    });
    const release = article({
      slug: 'ho-tro-nguoi-cao-tuoi-dich-vu-cong-truc-tuyen',
      headline: 'Hà Nội hướng dẫn người cao tuổi làm thủ tục trực tuyến tại bộ phận một cửa',
      subheadline: 'Thông cáo báo chí (illustrative)',
      summary:
        'Từ tháng 9/2026, cán bộ một cửa ở 4 xã, phường hướng dẫn người cao tuổi đăng ký khai sinh, khai tử qua mạng.',
      body:
        '<p>Thông cáo minh họa: cán bộ bộ phận một cửa tại phường Ba Đình, Hoàn Kiếm, Cầu Giấy và xã Ba Vì hướng dẫn trực tiếp ' +
        'người cao tuổi nộp hồ sơ đăng ký khai sinh, khai tử và thường trú qua Cổng Dịch vụ công.</p>' +
        '<ul><li>Mang theo căn cước có gắn chip</li><li>Được hỗ trợ tạo tài khoản VNeID</li></ul>',
      language: 'VI',
      byline: 'Văn phòng UBND thành phố Hà Nội (illustrative)',
      media: [
        {
          kind: 'IMAGE',
          caption: 'Cán bộ một cửa hướng dẫn người cao tuổi (ảnh minh họa)',
          credit: 'motcua (illustrative)',
          altText: 'Một cán bộ ngồi cạnh một cụ ông trước màn hình máy tính',
          renditions: [
            {
              name: 'original',
              url: 'https://example.org/media/mot-cua.jpg',
              mimeType: 'image/jpeg',
              width: 1600,
              height: 1067,
              sizeBytes: 284_113,
            },
            {
              name: 'thumbnail',
              url: 'https://example.org/media/mot-cua-thumb.jpg',
              mimeType: 'image/jpeg',
              width: 320,
              height: 213,
            },
          ],
        },
      ],
      ...pressRelease,
      publishedAt: new Date('2026-09-01T02:00:00Z'),
    });
    article({
      slug: 'helping-elderly-citizens-use-online-public-services',
      headline: 'Hà Nội helps elderly citizens file their paperwork online at one-stop shops',
      subheadline: 'Press release (illustrative)',
      summary:
        'From September 2026, one-stop-shop staff in four communes guide elderly citizens through online birth and death registration.',
      body: '<p>Illustrative release: one-stop-shop staff guide elderly citizens through online registration on the public service portal.</p>',
      language: 'EN',
      translationGroup: release.translationGroup,
      ...pressRelease,
      publishedAt: new Date('2026-09-01T02:05:00Z'),
    });
    article({
      slug: 'dang-ky-khai-sinh-truc-tuyen-tung-buoc',
      headline: 'Đăng ký khai sinh trực tuyến: từng bước cho ông bà',
      summary:
        'Bài giải thích minh họa: chuẩn bị giấy tờ gì và nộp ở đâu khi đăng ký khai sinh cho cháu qua mạng.',
      body: '<h2>Chuẩn bị</h2><p>Tờ khai, giấy chứng sinh, căn cước của người đi đăng ký.</p><h2>Nộp hồ sơ</h2><p>Trên Cổng Dịch vụ công, mục Hộ tịch.</p>',
      language: 'VI',
      kind: 'EXPLAINER',
      topicCodes: ['14000000'],
      copyrightHolder: 'Thành phố Hà Nội',
      licence: 'MOTCUA-PRESS',
      serviceCodes: ['1.001193'],
      unitCodes: CAMPAIGN_COMMUNES,
      campaignIds: [campaign.id],
      status: 'PUBLISHED',
      publishedAt: new Date('2026-10-05T01:00:00Z'),
    });
    article({
      slug: 'ban-nhap-ket-qua-chien-dich',
      headline: 'Kết quả bước đầu của chiến dịch (bản nháp)',
      body: '<p>Bản nháp minh họa, chưa công bố.</p>',
      language: 'VI',
      kind: 'NEWS',
      copyrightHolder: 'Thành phố Hà Nội',
      licence: 'MOTCUA-PRESS',
      campaignIds: [campaign.id],
      status: 'DRAFT',
    });
    await em.flush();
    await appendDueChanges(em as SqlEntityManager);
  }
}
