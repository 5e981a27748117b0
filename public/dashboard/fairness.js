// The fairness panel of the dashboard (issue 28): older workers' (45 and over) share of the offers
// sent beside their share of the hires made, for the chosen region and days, as regionStats gives
// them (offers by the day they went out, hires by the day they were made; docs/fairness.md). A gap
// between the two bars is what the bureau watches: offered but not hired, or hired from few offers.
// Nothing is computed here but formatting.

const $ = (id) => document.getElementById(id);
const integer = new Intl.NumberFormat('zh-CN');
const percent = (x) => `${(x * 100).toFixed(1)}%`;
/** A share as the chart holds it: percent to one decimal, or null (no bar) when nothing was counted. */
const bar = (share, whole) => (whole > 0 ? Number((share * 100).toFixed(1)) : null);

/** Draws the panel from regionStats; `chart(id)` is the dashboard's ECharts instance for an element. */
export function drawFairness(chart, stats) {
  const offers = `${integer.format(stats.olderWorkerOffers)} / ${integer.format(stats.offersSent)}`;
  const hires = `${integer.format(stats.olderWorkerHires)} / ${integer.format(stats.hires)}`;
  $('fairness-status').textContent =
    stats.offersSent + stats.hires === 0
      ? '这段时间没有派单，也没有成交。'
      : `大龄劳动者占派单 ${percent(stats.olderWorkerOfferShare)}（${offers}），占成交 ${percent(stats.olderWorkerShare)}（${hires}）。`;
  chart('chart-fairness').setOption(
    {
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
      grid: { left: 48, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: ['派单占比', '成交占比'] },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: '大龄劳动者',
          type: 'bar',
          barWidth: '40%',
          label: { show: true, position: 'top', formatter: '{c}%' },
          data: [
            bar(stats.olderWorkerOfferShare, stats.offersSent),
            bar(stats.olderWorkerShare, stats.hires),
          ],
        },
      ],
    },
    true,
  );
}
