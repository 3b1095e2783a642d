import type { DashboardQuery, Granularity, MotcuaClient } from '@motcua/client';
import { stringify } from 'csv-stringify/sync';
import { rateChart } from './chart.ts';
import { html, trusted } from './html.ts';
import { formatters, messagesOf } from './i18n.ts';
import { hrefIn, layout, type PageContext } from './layout.ts';
import { FIGURES_RANGE, monthOr, PROGRAMME, periodOr, RANKING_PERIOD } from './periods.ts';

const GRANULARITIES: Granularity[] = ['MONTH', 'QUARTER', 'YEAR'];

export type DashboardSettings = { granularity: Granularity; from: string; to: string; period: string };

/** What the reader chose in the form (or the defaults), bounded before it is sent. */
export function dashboardSettings(query: Record<string, unknown>): DashboardSettings {
  const granularity = GRANULARITIES.find((value) => value === query.granularity) ?? 'MONTH';
  return {
    granularity,
    from: monthOr(query.from, FIGURES_RANGE.from),
    to: monthOr(query.to, FIGURES_RANGE.to),
    period: periodOr(query.period, RANKING_PERIOD),
  };
}

const load = (client: MotcuaClient, settings: DashboardSettings) =>
  client.dashboard({ ...settings, programme: PROGRAMME });

/** The tables of the dashboard as CSV, from the same public figures the page shows. */
export const DASHBOARD_TABLES = ['series', 'ranking', 'indicators'] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

const latestValue = (indicator: NonNullable<DashboardQuery['reformProgramme']>['indicators'][number]) =>
  indicator.values.at(-1);

export async function dashboardCsv(
  client: MotcuaClient,
  table: DashboardTable,
  settings: DashboardSettings,
): Promise<string> {
  const data = await load(client, settings);
  switch (table) {
    case 'series':
      return stringify(data.usageSeries, {
        header: true,
        columns: [
          'period',
          'received',
          'receivedOnline',
          'onlineRate',
          'resolvedOnTime',
          'resolvedLate',
          'onTimeRate',
          'approximate',
        ],
      });
    case 'ranking':
      return stringify(
        data.usageRanking.map((entry) => ({
          ...entry,
          unitCode: entry.unit.code,
          unitName: entry.unit.name,
        })),
        {
          header: true,
          columns: ['rank', 'unitCode', 'unitName', 'value', 'previousRank', 'previousValue', 'rankChange'],
        },
      );
    case 'indicators':
      return stringify(
        (data.reformProgramme?.indicators ?? []).map((indicator) => ({
          ...indicator,
          latestPeriod: latestValue(indicator)?.period,
          latestValue: latestValue(indicator)?.value,
        })),
        {
          header: true,
          columns: [
            'id',
            'name',
            'unitOfMeasure',
            'direction',
            'baseline',
            'target',
            'targetDate',
            'latestPeriod',
            'latestValue',
            'status',
          ],
        },
      );
  }
}

/** The analyst's dashboard: rates over time with a chart, the ranking with its changes, the programme's indicators. */
export async function dashboardPage(client: MotcuaClient, page: PageContext): Promise<string> {
  const t = messagesOf(page.lang);
  const f = formatters(page.lang);
  const settings = dashboardSettings(page.query);
  const { usageSeries, usageRanking, reformProgramme } = await load(client, settings);
  const csvHref = (table: DashboardTable) => hrefIn(page.lang, `/pages/dashboard/${table}.csv`, settings);
  const summary = reformProgramme?.indicatorSummary;
  const body = html`
<h1>${t.dashboardTitle}</h1>
<form class="filters" method="get" action="/pages/dashboard" aria-label="${t.filters}">
  ${page.lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
  <label>${t.granularity}
    <select name="granularity">${GRANULARITIES.map(
      (value) =>
        html`<option value="${value}"${value === settings.granularity ? html` selected` : ''}>${t.granularities[value]}</option>`,
    )}</select></label>
  <label>${t.from} <input name="from" value="${settings.from}" pattern="\\d{4}-\\d{2}" inputmode="numeric" size="8" autocomplete="off"></label>
  <label>${t.to} <input name="to" value="${settings.to}" pattern="\\d{4}-\\d{2}" inputmode="numeric" size="8" autocomplete="off"></label>
  <label>${t.period} <input name="period" value="${settings.period}" size="8" autocomplete="off"></label>
  <button type="submit">${t.show}</button>
</form>

<h2 id="rates">${t.ratesOverTime}</h2>
<figure>
  ${trusted(
    rateChart({
      label: `${t.ratesOverTime}, ${settings.from} – ${settings.to}`,
      periods: usageSeries.map((point) => point.period),
      series: [
        { name: t.onlineRate, values: usageSeries.map((point) => point.onlineRate) },
        { name: t.onTimeRate, values: usageSeries.map((point) => point.onTimeRate) },
      ],
    }),
  )}
  <figcaption>${t.ratesOverTime}, ${settings.from} – ${settings.to}</figcaption>
</figure>
<div class="table-wrap"><table id="series">
  <caption>${t.chartData}</caption>
  <thead><tr><th scope="col">${t.month}</th><th scope="col" class="num">${t.received}</th><th scope="col" class="num">${t.onlineRate}</th><th scope="col" class="num">${t.onTimeRate}</th></tr></thead>
  <tbody>${usageSeries.map(
    (point) =>
      html`<tr><th scope="row">${point.period}</th><td class="num">${f.number(point.received)}</td><td class="num">${f.percent(point.onlineRate)}</td><td class="num">${f.percent(point.onTimeRate)}</td></tr>`,
  )}</tbody>
</table></div>
<a class="csv" href="${csvHref('series')}" download>${t.csv(t.ratesOverTime)}</a>

<h2 id="ranking">${t.ranking} (${settings.period})</h2>
<div class="table-wrap"><table id="ranking-table">
  <thead><tr><th scope="col" class="num">${t.rank}</th><th scope="col">${t.unit}</th><th scope="col" class="num">${t.onlineRate}</th><th scope="col" class="num">${t.previousRank}</th><th scope="col">${t.change}</th></tr></thead>
  <tbody>${usageRanking.map((entry) => {
    const change = entry.rankChange;
    const changed =
      entry.previousRank === null
        ? t.newEntry
        : change
          ? html`<span class="${change > 0 ? 'up' : 'down'}">${change > 0 ? `▲ ${t.up(change)}` : `▼ ${t.down(-change)}`}</span>`
          : t.same;
    return html`<tr><td class="num">${entry.rank}</td><td><a href="${hrefIn(page.lang, `/pages/units/${entry.unit.code}`)}">${entry.unit.name}</a></td><td class="num">${f.percent(entry.value)}</td><td class="num">${entry.previousRank ?? '–'}</td><td>${changed}</td></tr>`;
  })}</tbody>
</table></div>
<a class="csv" href="${csvHref('ranking')}" download>${t.csv(t.ranking)}</a>

<h2 id="programme">${t.programme}</h2>
${
  reformProgramme
    ? html`<p>${reformProgramme.name} (${reformProgramme.periodStart} – ${reformProgramme.periodEnd}). ${summary ? t.summary(summary.metEarly, summary.expected, summary.total) : ''}</p>
<div class="table-wrap"><table id="indicators">
  <thead><tr><th scope="col">${t.indicator}</th><th scope="col" class="num">${t.target}</th><th scope="col" class="num">${t.latest}</th><th scope="col">${t.status}</th></tr></thead>
  <tbody>${reformProgramme.indicators.map((indicator) => {
    const latest = latestValue(indicator);
    return html`<tr><td>${indicator.name}</td><td class="num">${f.number(indicator.target)} ${indicator.unitOfMeasure}</td><td class="num">${latest ? `${f.number(latest.value)} (${latest.period})` : '–'}</td><td>${t.statuses[indicator.status] ?? indicator.status}</td></tr>`;
  })}</tbody>
</table></div>
<a class="csv" href="${csvHref('indicators')}" download>${t.csv(t.programme)}</a>`
    : html`<p>${t.unavailable}</p>`
}`;
  return layout(page, t.dashboardTitle, body);
}
