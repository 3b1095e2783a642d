/** Markup that is already safe: what `html` returns, and what it inserts as it is. */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeText = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character] as string);

type Value = Html | string | number | null | undefined | false | readonly Value[];

const render = (value: Value): string => {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeText(String(value));
};

/**
 * A template tag that escapes every interpolated value (text from the graph can hold anything) unless it is
 * `Html` already; lists are joined, and `null`, `undefined` and `false` render as nothing.
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  return new Html(
    strings.reduce(
      (out, text, index) => out + text + (index < values.length ? render(values[index] as Value) : ''),
      '',
    ),
  );
}

/** Trusted markup produced here (an SVG drawn by the chart library), inserted as it is. */
export const trusted = (markup: string) => new Html(markup);
