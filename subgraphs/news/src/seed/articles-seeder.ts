import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { Article, ArticleService, ArticleUnit } from '../entities/index.ts';

/**
 * The source story of the hub: a Lao Động Thủ Đô report of a briefing held on 10 December 2020. The hub keeps a
 * summary in its own words and a link to the publisher, never the original text.
 */
const SOURCE_ARTICLE = {
  slug: 'ha-noi-dung-dau-toan-quoc-ve-luong-ho-so-giao-dich-qua-mang',
  headline: 'Hà Nội đứng đầu toàn quốc về lượng hồ sơ giao dịch qua mạng',
  summary:
    'Tại buổi giao ban báo chí của Ban Tuyên giáo Thành ủy ngày 10/12/2020, Sở Nội vụ Hà Nội báo cáo 5 năm thực hiện ' +
    'Chương trình 08-CTr/TU về cải cách hành chính: 11 trên 15 chỉ tiêu đã đạt trước thời hạn, 30 trên 33 đề án, kế hoạch ' +
    'đã hoàn thành; Hà Nội dẫn đầu cả nước về số hồ sơ nộp trực tuyến, và dịch vụ công mức độ 3 trong lĩnh vực tư pháp ' +
    'đã có ở 100% xã, phường, thị trấn.',
  language: 'VI' as const,
  kind: 'NEWS' as const,
  byline: 'Lao Động Thủ Đô',
  sourcePublisher: 'Lao Động Thủ Đô (laodongthudo.vn)',
  sourceUrl: 'https://laodongthudo.vn/',
  status: 'PUBLISHED' as const,
  publishedAt: new Date('2020-12-10T10:00:00Z'),
};

/** Justice services the article's level-3 claim is about: birth, death, marriage, certified copies. */
const SERVICES = ['1.001193', '1.000656', '1.000894', '2.000815'];
const UNITS = ['01'];

/** Seeds the source article. Runs once. */
export class ArticlesSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    if ((await em.count(Article)) > 0) return;
    const article = em.create(Article, SOURCE_ARTICLE);
    for (const serviceCode of SERVICES) em.create(ArticleService, { article, serviceCode });
    for (const unitCode of UNITS) em.create(ArticleUnit, { article, unitCode });
    await em.flush();
  }
}
