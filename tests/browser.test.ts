import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoCredentials } from '@motcua/hub';
import { testConfig } from '@motcua/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type AxeViolation, axeViolations, launchChromium, SCREENSHOTS, serious } from './support/browser.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

// The pages and the IDE in a real browser (Debian's Chromium driven by playwright-core): each page shows its
// data, the IDE runs a query, axe-core finds no serious or critical violation, and a phone gets one column.
let graph: TestHub;
let browser: Browser;
let desktop: BrowserContext;
let phone: BrowserContext;
const report: Record<string, AxeViolation[]> = {};

beforeAll(async () => {
  [graph, browser] = await Promise.all([
    startTestHub({ gateway: { idePersonas: await demoCredentials(testConfig()) } }),
    launchChromium(),
  ]);
  desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
});

afterAll(async () => {
  await browser?.close();
  await graph?.stop();
  console.log(
    `Screenshots in ${SCREENSHOTS}\naxe-core violations by page (all impacts):\n${Object.entries(report)
      .map(
        ([name, found]) =>
          `  ${name}: ${found.length ? found.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(', ') : 'none'}`,
      )
      .join('\n')}`,
  );
});

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(`${graph.hub.gatewayOrigin}${path}`);
  expect(response?.status()).toBe(200);
  return page;
}

/** Saves a full-page screenshot, checks accessibility, and that nothing is wider than the screen. */
async function check(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const violations = await axeViolations(page);
  report[name] = violations;
  expect(serious(violations)).toEqual([]);
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

describe('pages for people', () => {
  it('GET / says what the hub is and links to the IDE, the pages and the health endpoints', async () => {
    const page = await open(desktop, '/');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    for (const href of [
      '/graphql',
      '/pages/services/1.001193',
      '/pages/units/00004',
      '/pages/dashboard',
      '/health/ready',
      '/health/live',
    ]) {
      expect(await page.locator(`a[href="${href}"]`).count()).toBeGreaterThan(0);
    }
    await check(page, 'home');
  });

  it('a service page shows what it is, its documents, fees, where it is online, its trend and articles', async () => {
    const page = await open(desktop, '/pages/services/1.001193');
    await expect(page.locator('h1').textContent()).resolves.toMatch(/khai sinh/i);
    expect(await page.locator('#documents + .table-wrap tbody tr').count()).toBeGreaterThan(0);
    await expect(page.locator('#fees + *').textContent()).resolves.toMatch(/₫|Miễn phí/);
    await expect(page.locator('#online + p').textContent()).resolves.toMatch(/trực tuyến/);
    expect(await page.locator('figure svg[role="img"] path').count()).toBeGreaterThan(5);
    expect(await page.locator('#articles + ul li').count()).toBeGreaterThan(0);
    await check(page, 'service-vi');
  });

  it('switches to English, keyboard first: the skip link, then the switch', async () => {
    const page = await open(desktop, '/pages/services/1.001193');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toMatch(/Bỏ qua/);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('#documents').textContent()).resolves.toBe('Documents to hand in');
    await check(page, 'service-en');
  });

  it('a unit page shows its services online, its figures and rank, and its history of mergers', async () => {
    const page = await open(desktop, '/pages/units/00004');
    await expect(page.locator('h1').textContent()).resolves.toBe('Phường Ba Đình');
    expect(await page.locator('#services + p + .table-wrap tbody tr').count()).toBeGreaterThan(0);
    await expect(page.locator('#figures + dl').textContent()).resolves.toMatch(/Hạng \d+ trên \d+/);
    await expect(page.locator('#history + .table-wrap').textContent()).resolves.toMatch(/Trúc Bạch/);
    await check(page, 'unit-vi');
  });

  it('the dashboard charts both rates, ranks with changes, lists the indicators, and downloads each as CSV', async () => {
    const page = await open(desktop, '/pages/dashboard');
    expect(await page.locator('#rates + figure svg[role="img"]').count()).toBe(1);
    expect(await page.locator('#series tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('#ranking-table tbody tr').count()).toBeGreaterThan(1);
    await expect(page.locator('#ranking-table').textContent()).resolves.toMatch(/lên|xuống|giữ nguyên/);
    expect(await page.locator('#indicators tbody tr').count()).toBe(15);
    await expect(page.locator('#indicators').textContent()).resolves.toMatch(/Đạt trước hạn/);
    for (const table of ['series', 'ranking', 'indicators']) {
      const link = page.locator(`a[href^="/pages/dashboard/${table}.csv"]`);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(`motcua-${table}.csv`);
    }
    await check(page, 'dashboard-vi');
  });

  it.each([
    ['service', '/pages/services/1.001193'],
    ['unit', '/pages/units/00004'],
    ['dashboard', '/pages/dashboard?lang=en'],
  ])('the %s page reads on a phone without sideways scrolling', async (name, path) => {
    const page = await open(phone, path);
    expect(await noSidewaysScroll(page)).toBe(true);
    // Touch targets are what a phone adds to check; the rest axe-core checked on the desktop pages.
    if (name === 'dashboard') await check(page, `${name}-phone`);
    else await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  });
});

describe('GraphiQL at /graphql', () => {
  it('loads from the gateway alone, runs the portal example and shows the answer', async () => {
    const page = await desktop.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(graph.hub.gatewayOrigin) && !request.url().startsWith('data:')) {
        outside.push(request.url());
      }
    });
    await page.goto(`${graph.hub.gatewayOrigin}/graphql`);
    await page.locator('.graphiql-execute-button').click();
    await expect(
      page.locator('.result-window').getByText('"code": "1.001193"').waitFor({ timeout: 15_000 }),
    ).resolves.toBeUndefined();
    expect(outside).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'graphiql.png') });
  });

  it('offers the demo keys in the header picker, and the analyst example runs with one', async () => {
    const page = await desktop.newPage();
    await page.goto(`${graph.hub.gatewayOrigin}/graphql`);
    await page.getByLabel(/Send as/).selectOption({ label: 'ANALYST' });
    await page.locator('.graphiql-tab').nth(1).click();
    // GraphiQL takes the operation's name from the tab's editor once it shows: run before, and it sends the first
    // tab's name with the analyst's document (the gateway then rightly refuses it).
    await page
      .locator('.graphiql-query-editor')
      .filter({ hasText: 'AnalystSeries' })
      .waitFor({ timeout: 15_000 });
    const answered = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' && /AnalystSeries/.test(response.request().postData() ?? ''),
    );
    await page.locator('.graphiql-execute-button').click();
    const answer = await (await answered).json();
    expect(answer.errors).toBeUndefined();
    expect(answer.data.usageSeriesCsv).toMatch(/^period,/);
    await expect(
      page.locator('.result-window').getByText('"usageSeries"').waitFor({ timeout: 15_000 }),
    ).resolves.toBeUndefined();
    await page.screenshot({ path: join(SCREENSHOTS, 'graphiql-analyst.png') });
  });
});
