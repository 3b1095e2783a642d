import { type Html, html, trusted } from './html.ts';
import { type Lang, messagesOf } from './i18n.ts';

/** A link to `path` in `lang`, keeping the page's other query parameters. */
export function hrefIn(lang: Lang, path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams(
    Object.entries({ ...query, lang: lang === 'en' ? 'en' : undefined }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

// System fonts only (nothing fetched from the internet); colours chosen for at least 4.5:1 against their
// background, focus always visible, and a single column on a phone.
const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5360; --accent: #0b4f9c; --line: #c9ced6; --bg: #ffffff; --soft: #f3f5f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--ink); color: #fff; padding: .5rem 1rem; }
.skip:focus { left: 0; color: #fff; }
header { background: var(--accent); color: #fff; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; justify-content: space-between; }
header a { color: #fff; }
header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
header nav a, .brand { display: inline-block; padding: .25rem 0; min-height: 24px; }
main li + li { margin-top: .5rem; }
main td a { display: inline-block; min-height: 24px; padding: .1rem 0; }
.brand { font-weight: 700; text-decoration: none; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: .25rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); font-weight: 600; }
dl.facts dd { margin: 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); }
.up { color: #0a6b2d; } .down { color: #a3191b; }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: end; background: var(--soft); padding: .75rem; border-radius: 4px; }
form.filters label { display: flex; flex-direction: column; font-weight: 600; gap: .25rem; }
select, input, button { font: inherit; padding: .35rem .5rem; border: 1px solid var(--muted); border-radius: 3px; background: #fff; color: var(--ink); }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
.csv { display: inline-block; margin: .25rem 0 1rem; }
footer { max-width: 64rem; margin: 2rem auto 0; padding: 1rem; color: var(--muted); border-top: 1px solid var(--line); }
@media (max-width: 40rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .5rem; } h1 { font-size: 1.4rem; } }
`;

export type PageContext = {
  lang: Lang;
  path: string;
  query: Record<string, string | undefined>;
  /** Whether the IDE is served, to link to it. */
  ide: boolean;
};

/** The frame of every page: `lang`, a skip link, the navigation, the language switch, one `main`. */
export function layout({ lang, path, query, ide }: PageContext, title: string, body: Html): string {
  const t = messagesOf(lang);
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  return `<!doctype html>${html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t.siteName}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header>
  <a class="brand" href="${hrefIn(lang, '/')}">${t.siteName}</a>
  <nav aria-label="${t.nav}"><ul>
    <li><a href="${hrefIn(lang, '/')}">${t.home}</a></li>
    <li><a href="${hrefIn(lang, '/pages/dashboard')}">${t.dashboard}</a></li>
    ${ide ? html`<li><a href="/graphql">${t.ide}</a></li>` : ''}
    <li><a href="${hrefIn(other, path, query)}" lang="${other}" hreflang="${other}">${t.switchTo}</a></li>
  </ul></nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer><p>${t.footer}</p></footer>
</body>
</html>`}`;
}
