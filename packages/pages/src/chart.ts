import * as echarts from 'echarts';

export type LineSeries = { name: string; values: (number | null)[] };

/**
 * A line chart of rates (0 to 1) drawn on the server by Apache ECharts as SVG: the page needs no script, and the
 * same figures are in a table beside it. The SVG is labelled for screen readers with `label`.
 */
export function rateChart({
  label,
  periods,
  series,
}: {
  label: string;
  periods: string[];
  series: LineSeries[];
}): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 720, height: 320 });
  try {
    chart.setOption({
      animation: false,
      // Dark enough for 3:1 against white (WCAG's non-text contrast), and told apart by their markers too.
      color: ['#0b4f9c', '#b34700'],
      textStyle: { color: '#1b1f24', fontFamily: 'system-ui, sans-serif' },
      legend: { top: 0, textStyle: { color: '#1b1f24' } },
      grid: { left: 56, right: 16, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: periods, axisLabel: { color: '#1b1f24' } },
      yAxis: {
        type: 'value',
        min: 0,
        max: 1,
        axisLabel: { color: '#1b1f24', formatter: (value: number) => `${Math.round(value * 100)} %` },
      },
      series: series.map((line, index) => ({
        name: line.name,
        type: 'line',
        symbol: index === 0 ? 'circle' : 'rect',
        symbolSize: 7,
        connectNulls: false,
        lineStyle: { width: 3, type: index === 0 ? 'solid' : 'dashed' },
        data: line.values,
      })),
    });
    const svg = chart.renderToSVGString();
    const escaped = label.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
    return svg.replace('<svg ', `<svg role="img" aria-label="${escaped}" focusable="false" `);
  } finally {
    chart.dispose();
  }
}
