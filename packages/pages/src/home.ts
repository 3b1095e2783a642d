import { html } from './html.ts';
import { messagesOf } from './i18n.ts';
import { hrefIn, layout, type PageContext } from './layout.ts';

/** `GET /`: what the hub is, and where to go from here. */
export function homePage(page: PageContext): string {
  const t = messagesOf(page.lang);
  const en = page.lang === 'en';
  const body = html`
<h1>motcua</h1>
<p>${t.homeIntro}</p>
<h2>GraphQL</h2>
<ul>
  <li><code>POST /graphql</code>: ${en ? 'the one public endpoint (JSON: query, variables)' : 'điểm truy cập công khai duy nhất (JSON: query, variables)'}</li>
  ${page.ide ? html`<li><a href="/graphql">GraphiQL</a>: ${en ? 'the IDE, with the schema’s docs and examples for portals, analysts and partners' : 'môi trường thử truy vấn, có tài liệu lược đồ và ví dụ cho cổng thông tin, nhà phân tích, đối tác báo chí'}</li>` : ''}
</ul>
<h2>${t.pages}</h2>
<ul>
  <li><a href="${hrefIn(page.lang, '/pages/services/1.001193')}">${en ? 'A service page: birth registration (1.001193)' : 'Trang thủ tục: đăng ký khai sinh (1.001193)'}</a></li>
  <li><a href="${hrefIn(page.lang, '/pages/units/00004')}">${en ? 'A unit page: Phường Ba Đình (00004)' : 'Trang đơn vị: Phường Ba Đình (00004)'}</a></li>
  <li><a href="${hrefIn(page.lang, '/pages/dashboard')}">${t.dashboardTitle}</a></li>
</ul>
<h2>${t.health}</h2>
<ul>
  <li><a href="/health/live">/health/live</a>: ${en ? 'the gateway process is up' : 'tiến trình cổng đang chạy'}</li>
  <li><a href="/health/ready">/health/ready</a>: ${en ? 'every subgraph answers' : 'mọi subgraph đều trả lời'}</li>
  <li><a href="/metrics">/metrics</a>: Prometheus</li>
</ul>`;
  return layout(page, 'motcua', body);
}
