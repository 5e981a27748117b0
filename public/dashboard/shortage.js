// The 急需紧缺 panel of the dashboard: the chosen county's trades ranked by the shortage index
// (docs/training.md "The shortage report"), as a bar chart of the top trades and a table. The
// figures and the index come from the API (shortageReport); nothing is computed here.

const SHORTAGE_QUERY = `query Shortage($r: ID!, $from: String!, $to: String!) {
  shortageReport(regionCode: $r, from: $from, to: $to) {
    from to
    rows { region { code name } skill { code name } rank shortageIndex seatsPosted seatsUnfilled medianHoursToFill
      workersAvailable workersMatching certifiedHolders trainingWishes courseSeatsComing }
  }
}`;

/** How many trades the chart shows (the table lists them all). */
const TOP = 10;

const $ = (id) => document.getElementById(id);
const integer = new Intl.NumberFormat('zh-CN');
const hours = (x) => (x === null || x === undefined ? '—' : x.toFixed(1));

/** The path of the CSV of the same rows. */
export const shortageCsvPath = (county, fromDay, toDay) =>
  `/training/shortage.csv?${new URLSearchParams({ regionCode: county, from: fromDay, to: toDay })}`;

function drawTable(rows) {
  $('shortage')
    .querySelector('tbody')
    .replaceChildren(
      ...rows.map((r) => {
        const tr = document.createElement('tr');
        tr.dataset.skill = r.skill.code;
        for (const text of [
          String(r.rank),
          r.skill.name,
          r.shortageIndex.toFixed(1),
          integer.format(r.seatsPosted),
          integer.format(r.seatsUnfilled),
          hours(r.medianHoursToFill),
          integer.format(r.workersAvailable),
          integer.format(r.workersMatching),
          integer.format(r.certifiedHolders),
          integer.format(r.trainingWishes),
          integer.format(r.courseSeatsComing),
        ]) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.append(td);
        }
        return tr;
      }),
    );
}

function drawChart(chart, rows) {
  // Rank 1 at the top: a category axis draws its first entry at the bottom.
  const top = rows.slice(0, TOP).reverse();
  chart.setOption(
    {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 96, right: 24, top: 8, bottom: 28 },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', data: top.map((r) => r.skill.name) },
      series: [{ name: '紧缺指数', type: 'bar', data: top.map((r) => r.shortageIndex) }],
    },
    true,
  );
}

/**
 * Loads and draws the panel for a county (a county's code, or '' when none is chosen: the panel then
 * says to choose one). `gql` and `chart` are the page's own (dashboard.js).
 */
export async function refreshShortage({ gql, chart, county, countyName, fromDay, toDay }) {
  const panel = $('shortage-panel');
  const status = $('shortage-status');
  $('shortage-csv').hidden = !county;
  $('chart-shortage').hidden = !county;
  $('shortage').hidden = !county;
  if (!county) {
    status.textContent = '选择一个县（区）后，这里按紧缺指数列出该县的工种。';
    panel.dataset.loaded = '';
    return null;
  }
  status.textContent = '正在读取…';
  try {
    const { shortageReport } = await gql(SHORTAGE_QUERY, { r: county, from: fromDay, to: toDay });
    const rows = shortageReport.rows.filter((r) => r.region.code === county);
    drawTable(rows);
    const bars = chart('chart-shortage');
    bars.resize();
    drawChart(bars, rows);
    const [first] = rows;
    status.textContent = first
      ? `${countyName}，${shortageReport.from} 至 ${shortageReport.to}：最紧缺的工种是${first.skill.name}（紧缺指数 ${first.shortageIndex.toFixed(1)}）。`
      : `${countyName}，${shortageReport.from} 至 ${shortageReport.to}：这段时间没有发布岗位。`;
    panel.dataset.loaded = `${county}:${shortageReport.from}:${shortageReport.to}`;
    return rows;
  } catch (error) {
    status.textContent = `读取急需紧缺工种失败：${error.message}`;
    panel.dataset.loaded = '';
    return null;
  }
}
