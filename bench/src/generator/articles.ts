// Articles and the partner feed's history. The hub has no bulk import for articles (editors write them one at a
// time), so the loader COPYs these rows; they must therefore hold the invariants the newsroom keeps itself: every
// change a partner may receive is in the log, in commit order, and each article's feed versions say what the log
// holds, so the first feed read finds nothing left to append.
import type { DatasetParameters } from './parameters.ts';
import { hashString, pick, stream, uuidFrom } from './random.ts';
import type { GeneratedService } from './services.ts';
import { loadUnits } from './units.ts';

export type ArticleStatus = 'DRAFT' | 'PUBLISHED' | 'WITHDRAWN';

export type ArticleRow = {
  id: string;
  slug: string;
  headline: string;
  summary: string;
  bodyHtml: string;
  bodyText: string;
  language: 'VI' | 'EN';
  translationGroup: string;
  kind: 'NEWS' | 'PRESS_RELEASE' | 'EXPLAINER' | 'INTERVIEW';
  byline: string;
  topicCodes: string[];
  licence: 'MOTCUA-PRESS' | 'CC-BY-4.0';
  serviceCodes: string[];
  unitCodes: string[];
  status: ArticleStatus;
  embargoUntil: string | null;
  publishedAt: string | null;
  withdrawnReason: string | null;
  version: number;
  feedVersionAll: number;
  feedVersionEmbargoed: number;
  createdAt: string;
  updatedAt: string;
};

export type ChangeRow = {
  articleId: string;
  version: number;
  kind: 'PUBLISHED' | 'UPDATED' | 'WITHDRAWN';
  audience: 'ALL' | 'EMBARGOED';
  changedAt: string;
};

/** Dates far enough ahead that an embargo or a schedule is still pending whenever the benchmark runs. */
const FAR_FUTURE = Date.parse('2030-01-01T00:00:00Z');
const DAY = 86_400_000;

const TOPICS = ['11006000', '14000000', '04000000', '11000000', '07000000'];
const KINDS = ['NEWS', 'NEWS', 'NEWS', 'PRESS_RELEASE', 'EXPLAINER', 'INTERVIEW'] as const;
const OPENINGS = [
  'Người dân',
  'Ủy ban nhân dân phường',
  'Trung tâm Phục vụ hành chính công',
  'Người cao tuổi',
  'Doanh nghiệp',
  'Thanh niên tình nguyện',
];
const ACTIONS = [
  'được hướng dẫn nộp hồ sơ trực tuyến',
  'rút ngắn thời gian giải quyết',
  'thanh toán trực tuyến lệ phí',
  'không cần nộp bản sao giấy tờ',
  'được hỗ trợ tại bộ phận một cửa',
];

/**
 * The articles and their feed log. Statuses: published (most, some later updated), published under an embargo
 * still running (partners with embargo rights already have them), published under an embargo since lifted
 * (released to everyone at its end), scheduled for later, withdrawn (a tombstone follows the publication), drafts.
 */
export function generateArticles(
  parameters: DatasetParameters,
  services: GeneratedService[],
): { articles: ArticleRow[]; changes: ChangeRow[] } {
  const next = stream(hashString(`${parameters.seed}:articles`));
  const units = loadUnits();
  const communes = parameters.fullCoverageProvinces.flatMap((province) => units.communesOf(province));
  const start = Date.parse(`${parameters.firstMonth}-01T00:00:00Z`);
  const end = Date.parse(`${parameters.lastMonth}-28T00:00:00Z`);
  const iso = (ms: number) => new Date(ms).toISOString();
  const articles: ArticleRow[] = [];
  const changes: ChangeRow[] = [];
  for (let index = 0; index < parameters.articles; index++) {
    const id = uuidFrom(next);
    const draw = next();
    const status: ArticleStatus = draw < 0.05 ? 'DRAFT' : draw < 0.12 ? 'WITHDRAWN' : 'PUBLISHED';
    const flavour = next();
    const embargoRunning = status === 'PUBLISHED' && flavour < 0.05;
    const embargoLifted = status === 'PUBLISHED' && !embargoRunning && flavour < 0.09;
    const scheduled = status === 'PUBLISHED' && !embargoRunning && !embargoLifted && flavour < 0.12;
    const updates =
      status === 'PUBLISHED' && !embargoRunning && !scheduled && next() < 0.3
        ? 1 + Math.floor(next() * 2)
        : 0;
    const published = scheduled
      ? FAR_FUTURE + Math.floor(next() * 180) * DAY
      : start + Math.floor(next() * (end - start));
    const embargoUntil = embargoRunning ? FAR_FUTURE : embargoLifted ? published + 2 * DAY : null;
    // A few services per article, favouring the busy head of the catalog, so a service page has articles to show.
    const about = Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
      Math.floor(services.length * next() ** 2.5),
    );
    const serviceCodes = [...new Set(about)].sort((a, b) => a - b).map((at) => services[at]?.code ?? '');
    const unitCodes = next() < 0.5 ? [pick(communes, next()).code] : [];
    const opening = pick(OPENINGS, next());
    const action = pick(ACTIONS, next());
    const subject = services[about[0] ?? 0]?.nameVi.toLowerCase() ?? 'thủ tục hành chính';
    const headline = `${opening} ${action}: ${subject}`;
    const summary = `${opening} ${action} khi thực hiện thủ tục ${subject}. Bài viết sinh cho benchmark (${index + 1}).`;
    const paragraphs = [
      summary,
      `Thủ tục ${subject} hiện được tiếp nhận tại bộ phận một cửa và trên Cổng Dịch vụ công quốc gia.`,
      'Người dân có thể tra cứu tiến độ giải quyết hồ sơ bằng mã hồ sơ hoặc tài khoản định danh điện tử.',
    ];
    const version = status === 'WITHDRAWN' ? 2 : 1 + updates;
    // Every change is in the past, whenever the benchmark runs after the dataset's last month.
    const withdrawnAt = Math.min(end, published + (1 + Math.floor(next() * 60)) * DAY);
    const updatedAt = (update: number) => Math.min(end, published + update * 3 * DAY);
    const lastChange = status === 'WITHDRAWN' ? withdrawnAt : updatedAt(updates);
    const created = (status === 'DRAFT' ? start + Math.floor(next() * (end - start)) : published) - DAY;
    // What the feed log holds for this article, and the versions it says were logged.
    let feedVersionAll = 0;
    let feedVersionEmbargoed = 0;
    const log = (at: number, logged: number, kind: ChangeRow['kind'], audience: ChangeRow['audience']) =>
      changes.push({ articleId: id, version: logged, kind, audience, changedAt: iso(at) });
    if (status === 'PUBLISHED' && !scheduled) {
      if (embargoUntil !== null) {
        log(published, 1, 'PUBLISHED', 'EMBARGOED');
        feedVersionEmbargoed = 1;
      }
      if (!embargoRunning) {
        log(embargoUntil ?? published, 1, 'PUBLISHED', 'ALL');
        for (let update = 1; update <= updates; update++) {
          log(updatedAt(update), update + 1, 'UPDATED', 'ALL');
        }
        feedVersionAll = version;
      }
    }
    if (status === 'WITHDRAWN') {
      log(published, 1, 'PUBLISHED', 'ALL');
      log(withdrawnAt, 2, 'WITHDRAWN', 'ALL');
      feedVersionAll = 2;
      feedVersionEmbargoed = 2;
    }
    articles.push({
      id,
      slug: `bench-${index + 1}`,
      headline,
      summary,
      bodyHtml: paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join(''),
      bodyText: paragraphs.join('\n\n'),
      language: next() < 0.9 ? 'VI' : 'EN',
      translationGroup: uuidFrom(next),
      kind: pick(KINDS, next()),
      byline: 'Ban biên tập motcua (dữ liệu sinh)',
      topicCodes: [pick(TOPICS, next())],
      licence: next() < 0.85 ? 'MOTCUA-PRESS' : 'CC-BY-4.0',
      serviceCodes,
      unitCodes,
      status,
      embargoUntil: embargoUntil === null ? null : iso(embargoUntil),
      publishedAt: status === 'DRAFT' ? null : iso(published),
      withdrawnReason: status === 'WITHDRAWN' ? 'Thông tin đã được cập nhật trong bài mới' : null,
      version,
      feedVersionAll,
      feedVersionEmbargoed,
      createdAt: iso(created),
      updatedAt: iso(status === 'DRAFT' ? created : lastChange),
    });
  }
  // Sequence numbers are handed out in commit order: the log is loaded sorted by time.
  changes.sort((a, b) => a.changedAt.localeCompare(b.changedAt) || a.articleId.localeCompare(b.articleId));
  return { articles, changes };
}
