import type { MotcuaClient } from '@motcua/client';
import { html } from './html.ts';
import { formatters, messagesOf } from './i18n.ts';
import { hrefIn, layout, type PageContext } from './layout.ts';
import { NotFound } from './page-errors.ts';
import { FIGURES_RANGE, RANKING_PERIOD } from './periods.ts';

/** A unit's page: the services it offers online, its figures and rank, and the units it was formed from. */
export async function unitPage(client: MotcuaClient, code: string, page: PageContext): Promise<string> {
  const t = messagesOf(page.lang);
  const f = formatters(page.lang);
  const {
    administrativeUnit: unit,
    services,
    onlineRanking,
  } = await client.unitPage({
    code,
    ...FIGURES_RANGE,
    period: RANKING_PERIOD,
  });
  if (!unit) throw new NotFound(t.notFoundUnit(code));
  const ranked = onlineRanking.find((entry) => entry.unit.code === unit.code);
  const change = ranked?.rankChange;
  const body = html`
<h1>${unit.name}</h1>
<dl class="facts">
  <dt>${t.code}</dt><dd>${unit.code}</dd>
  <dt>${t.kind}</dt><dd>${t.kinds[unit.kind] ?? unit.kind}</dd>
  ${unit.parent ? html`<dt>${t.parent}</dt><dd><a href="${hrefIn(page.lang, `/pages/units/${unit.parent.code}`)}">${unit.parent.name}</a></dd>` : ''}
</dl>

<h2 id="figures">${t.figures} (${FIGURES_RANGE.from} – ${FIGURES_RANGE.to})</h2>
<dl class="facts">
  <dt>${t.received}</dt><dd>${unit.usage ? f.number(unit.usage.received) : '–'}</dd>
  <dt>${t.onlineRate}</dt><dd>${f.percent(unit.usage?.onlineRate)}</dd>
  <dt>${t.onTimeRate}</dt><dd>${f.percent(unit.usage?.onTimeRate)}</dd>
  <dt>${t.satisfaction}</dt><dd>${f.percent(unit.satisfaction?.rate)}</dd>
  <dt>${t.rank}</dt><dd>${
    ranked
      ? html`${t.rankOf(ranked.rank, onlineRanking.length, RANKING_PERIOD)}${
          change
            ? html` (<span class="${change > 0 ? 'up' : 'down'}">${change > 0 ? t.up(change) : t.down(-change)}</span>)`
            : ''
        }`
      : t.notRanked(RANKING_PERIOD)
  }</dd>
</dl>

<h2 id="services">${t.servicesOnline}</h2>
<p>${t.servicesCount(services.totalCount)}</p>
<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t.code}</th><th scope="col">${t.service}</th><th scope="col">${t.onlineLevel}</th></tr></thead>
  <tbody>${services.nodes.map(
    (service) =>
      html`<tr><td>${service.code}</td><td><a href="${hrefIn(page.lang, `/pages/services/${service.code}`)}">${service.name}</a></td><td>${t.levels[service.onlineLevel] ?? service.onlineLevel}</td></tr>`,
  )}</tbody>
</table></div>

<h2 id="history">${t.history}</h2>
${
  unit.predecessors.length || unit.successors.length
    ? html`<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t.date}</th><th scope="col">${t.kind}</th><th scope="col">${t.unit}</th></tr></thead>
  <tbody>${[
    ...unit.predecessors.map(
      (entry) =>
        html`<tr><td>${entry.date}</td><td>${t.formedFrom} (${t.succession[entry.kind] ?? entry.kind})</td><td>${entry.unit.name} (${entry.unit.code})</td></tr>`,
    ),
    ...unit.successors.map(
      (entry) =>
        html`<tr><td>${entry.date}</td><td>${t.becameParts} (${t.succession[entry.kind] ?? entry.kind})</td><td><a href="${hrefIn(page.lang, `/pages/units/${entry.unit.code}`)}">${entry.unit.name}</a></td></tr>`,
    ),
  ]}</tbody>
</table></div>`
    : html`<p>${t.noHistory}</p>`
}`;
  return layout(page, unit.name, body);
}
