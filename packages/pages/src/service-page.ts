import type { MotcuaClient } from '@motcua/client';
import { rateChart } from './chart.ts';
import { html, trusted } from './html.ts';
import { formatters, messagesOf } from './i18n.ts';
import { hrefIn, layout, type PageContext } from './layout.ts';
import { NotFound } from './page-errors.ts';
import { FIGURES_RANGE } from './periods.ts';

/** A service's page: what it is, the documents and fees, where it is offered online, its trend, the articles. */
export async function servicePage(client: MotcuaClient, code: string, page: PageContext): Promise<string> {
  const t = messagesOf(page.lang);
  const f = formatters(page.lang);
  const { service, usageSeries } = await client.servicePage(
    code,
    FIGURES_RANGE,
    page.lang === 'en' ? 'EN' : 'VI',
  );
  if (!service) throw new NotFound(t.notFoundService(code));
  const { coverage, offerings } = service;
  const periods = usageSeries.map((point) => point.period);
  const body = html`
<h1>${service.name}</h1>
${service.description ? html`<p>${service.description}</p>` : ''}
<dl class="facts">
  <dt>${t.code}</dt><dd>${service.code}</dd>
  <dt>${t.field}</dt><dd>${service.field.name}</dd>
  <dt>${t.agency}</dt><dd>${service.competentAgency.name}</dd>
  <dt>${t.onlineLevel}</dt><dd>${t.levels[service.onlineLevel] ?? service.onlineLevel}</dd>
  <dt>${t.processing}</dt><dd>${service.processingDays === null ? (service.processingTime ?? '–') : t.days(service.processingDays)}</dd>
  ${service.output ? html`<dt>${t.output}</dt><dd>${service.output}</dd>` : ''}
  ${service.officialUrl ? html`<dt>${t.officialPage}</dt><dd><a href="${service.officialUrl}">${service.officialUrl}</a></dd>` : ''}
</dl>

<h2 id="documents">${t.documents}</h2>
<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t.document}</th><th scope="col" class="num">${t.copies}</th><th scope="col">${t.original}</th><th scope="col">${t.populationDb}</th></tr></thead>
  <tbody>${service.documents.map(
    (document) =>
      html`<tr><td>${document.name}</td><td class="num">${document.copies}</td><td>${document.original ? t.yes : t.no}</td><td>${document.replaceableByPopulationDb ? t.yes : t.no}</td></tr>`,
  )}</tbody>
</table></div>

<h2 id="fees">${t.fees}</h2>
${
  service.fees.length
    ? html`<div class="table-wrap"><table><thead><tr><th scope="col" class="num">${t.amount}</th><th scope="col">${t.condition}</th></tr></thead><tbody>${service.fees.map(
        (fee) => html`<tr><td class="num">${f.vnd(fee.amountVnd)}</td><td>${fee.condition ?? ''}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t.free}</p>`
}

<h2 id="online">${t.whereOnline}</h2>
<p>${t.coverage(coverage.offeredOnline, coverage.offered, coverage.units)}</p>
<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t.unit}</th><th scope="col">${t.onlineLevel}</th></tr></thead>
  <tbody>${offerings.nodes.map(
    (offering) =>
      html`<tr><td><a href="${hrefIn(page.lang, `/pages/units/${offering.unit.code}`)}">${offering.unit.name}</a></td><td>${t.levels[offering.onlineLevel] ?? offering.onlineLevel}</td></tr>`,
  )}</tbody>
</table></div>
${offerings.totalCount > offerings.nodes.length ? html`<p>${t.moreUnits(offerings.totalCount - offerings.nodes.length)}</p>` : ''}

<h2 id="trend">${t.trend}</h2>
${
  service.usage
    ? html`<p>${t.received}: ${f.number(service.usage.received)} · ${t.onlineRate}: ${f.percent(service.usage.onlineRate)} · ${t.onTimeRate}: ${f.percent(service.usage.onTimeRate)} (${FIGURES_RANGE.from} – ${FIGURES_RANGE.to})</p>`
    : html`<p>${t.unavailable}</p>`
}
<figure>
  ${trusted(
    rateChart({
      label: `${t.trend}: ${t.onlineRate}, ${t.onTimeRate}`,
      periods,
      series: [
        { name: t.onlineRate, values: usageSeries.map((point) => point.onlineRate) },
        { name: t.onTimeRate, values: usageSeries.map((point) => point.onTimeRate) },
      ],
    }),
  )}
  <figcaption>${t.trend}, ${FIGURES_RANGE.from} – ${FIGURES_RANGE.to}</figcaption>
</figure>
<details><summary>${t.chartData}</summary><div class="table-wrap"><table>
  <thead><tr><th scope="col">${t.month}</th><th scope="col" class="num">${t.received}</th><th scope="col" class="num">${t.receivedOnline}</th><th scope="col" class="num">${t.onlineRate}</th><th scope="col" class="num">${t.onTimeRate}</th></tr></thead>
  <tbody>${usageSeries.map(
    (point) =>
      html`<tr><th scope="row">${point.period}</th><td class="num">${f.number(point.received)}</td><td class="num">${f.number(point.receivedOnline)}</td><td class="num">${f.percent(point.onlineRate)}</td><td class="num">${f.percent(point.onTimeRate)}</td></tr>`,
  )}</tbody>
</table></div></details>

<h2 id="articles">${t.articles}</h2>
${
  service.articles?.nodes.length
    ? html`<ul>${service.articles.nodes.map(
        (article) =>
          html`<li lang="${article.language.toLowerCase()}"><strong>${article.headline}</strong>${article.summary ? html`<br>${article.summary}` : ''}${article.source ? html`<br><a href="${article.source.url}">${article.source.publisher}</a>` : ''}</li>`,
      )}</ul>`
    : html`<p>${t.noArticles}</p>`
}`;
  return layout(page, service.name, body);
}
