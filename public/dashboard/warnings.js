// The 规模性失业风险预警 panel of the dashboard: today's reading of every county in the chosen region,
// worst level first, with the indicators behind each level (docs/warnings.md). The levels and the
// figures come from the API (countyWarnings); nothing is judged here. A change of level told on the
// admins' socket (`warning:changed`) reads the panel again; a click on a county draws its level
// over the last 30 days (countyWarningHistory).

const WARNINGS_QUERY = `query Warnings($r: ID!) {
  countyWarnings(regionCode: $r) {
    region { code name } day level previousLevel reasons seekers openSeats seekersPerSeat
    postings postingsBefore hires hiresBefore unmatched7d massCancellations massCancelEmployer { name }
    computedAt
  }
}`;

const HISTORY_QUERY = `query WarningHistory($r: ID!, $from: String!, $to: String!) {
  countyWarningHistory(regionCode: $r, from: $from, to: $to) { day level reasons }
}`;

const LEVELS = { BLUE: '蓝', YELLOW: '黄', ORANGE: '橙', RED: '红' };
const ORDER = ['BLUE', 'YELLOW', 'ORANGE', 'RED'];
const COLOURS = { BLUE: '#2f6fb3', YELLOW: '#d4a400', ORANGE: '#e46c0a', RED: '#c62828' };
const HISTORY_DAYS = 30;
const DAY_MS = 86_400_000;
const REASONS = {
  SEEKERS_PER_SEAT: '人岗比',
  POSTINGS_DROP: '发布岗位周降幅',
  HIRES_DROP: '录用周降幅',
  UNMATCHED_7D: '7 天未匹配',
  MASS_CANCELLATION: '单一雇主集中取消',
};

const $ = (id) => document.getElementById(id);
const integer = new Intl.NumberFormat('zh-CN');
const share = (part, whole) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—');
const weekOnWeek = (now, before) => `${integer.format(now)} / ${integer.format(before)}`;
const shanghaiDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** What the panel shows now, so a live change and a click know the region and the page's helpers. */
const panel = { gql: null, chart: null, region: null, regionName: '', rows: [], chosen: null };

function drawTable(rows) {
  $('warnings')
    .querySelector('tbody')
    .replaceChildren(
      ...rows.map((r) => {
        const tr = document.createElement('tr');
        tr.dataset.region = r.region.code;
        tr.dataset.level = r.level;
        const cancelled = r.massCancellations
          ? `${integer.format(r.massCancellations)}（${r.massCancelEmployer?.name ?? '—'}）`
          : '0';
        for (const text of [
          r.region.name,
          LEVELS[r.level] ?? r.level,
          r.reasons.map((x) => REASONS[x] ?? x).join('、') || '—',
          integer.format(r.seekers),
          integer.format(r.openSeats),
          r.seekersPerSeat.toFixed(2),
          weekOnWeek(r.postings, r.postingsBefore),
          weekOnWeek(r.hires, r.hiresBefore),
          share(r.unmatched7d, r.seekers),
          cancelled,
        ]) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.append(td);
        }
        tr.children[1]?.classList.add(`level-${r.level.toLowerCase()}`);
        tr.tabIndex = 0;
        tr.title = `${r.region.name}：近 ${HISTORY_DAYS} 天的预警等级`;
        const choose = () => showHistory(r.region.code, r.region.name, r.day);
        tr.addEventListener('click', choose);
        tr.addEventListener('keydown', (event) => {
          if (event.key === 'Enter') choose();
        });
        if (r.region.code === panel.chosen) tr.classList.add('chosen');
        return tr;
      }),
    );
}

/** The county's level day by day over the last HISTORY_DAYS days up to `toDay`, as a step line. */
async function showHistory(code, name, toDay) {
  const box = $('warning-history');
  const from = shanghaiDay.format(
    new Date(Date.parse(`${toDay}T00:00:00+08:00`) - (HISTORY_DAYS - 1) * DAY_MS),
  );
  panel.chosen = code;
  for (const tr of $('warnings').querySelectorAll('tbody tr'))
    tr.classList.toggle('chosen', tr.dataset.region === code);
  box.hidden = false;
  $('warning-history-title').textContent = `${name}：${from} 至 ${toDay} 的预警等级`;
  try {
    const { countyWarningHistory: days } = await panel.gql(HISTORY_QUERY, { r: code, from, to: toDay });
    const byDay = new Map(days.map((d) => [d.day, d]));
    const axis = Array.from({ length: HISTORY_DAYS }, (_, i) =>
      shanghaiDay.format(new Date(Date.parse(`${from}T00:00:00+08:00`) + i * DAY_MS)),
    );
    // A day with no reading is a gap, not blue: the round may not have run that day.
    const values = axis.map((day) => {
      const reading = byDay.get(day);
      if (!reading) return null;
      return { value: ORDER.indexOf(reading.level), itemStyle: { color: COLOURS[reading.level] } };
    });
    panel.chart('chart-warning-history').setOption(
      {
        animation: false,
        tooltip: {
          trigger: 'axis',
          formatter: ([point]) => {
            const reading = byDay.get(axis[point.dataIndex]);
            if (!reading) return `${axis[point.dataIndex]}：没有读数`;
            const why = reading.reasons.map((x) => REASONS[x] ?? x).join('、');
            return `${reading.day}：${LEVELS[reading.level]}色${why ? `（${why}）` : ''}`;
          },
        },
        grid: { left: 48, right: 16, top: 16, bottom: 28 },
        xAxis: { type: 'category', data: axis.map((d) => d.slice(5)) },
        yAxis: {
          type: 'value',
          min: 0,
          max: 3,
          interval: 1,
          axisLabel: { formatter: (v) => LEVELS[ORDER[v]] ?? '' },
        },
        series: [
          {
            type: 'line',
            step: 'end',
            data: values,
            connectNulls: false,
            symbolSize: 9,
            lineStyle: { color: '#6b7280' },
          },
        ],
      },
      true,
    );
    box.dataset.loaded = `${code}:${days.length}`;
    box.dataset.levels = days.map((d) => `${d.day}=${d.level}`).join(',');
  } catch (error) {
    $('warning-history-title').textContent = `读取${name}的预警历史失败：${error.message}`;
    box.dataset.loaded = '';
  }
}

/**
 * Listens on the admins' socket for `warning:changed` and reads the panel again when the county
 * is among those shown (or nothing is shown yet). `io` is socket.io's browser client
 * (vendor/socket.io.min.js); returns the socket, to close on signing out.
 */
export function listenForWarnings({ token }) {
  const socket = globalThis.io({ auth: { token }, reconnectionDelayMax: 10_000 });
  socket.on('warning:changed', (change) => {
    const live = $('warnings-live');
    live.textContent = `${change.computedAt.slice(11, 16)} ${change.regionName}：${LEVELS[change.previousLevel]}色 → ${LEVELS[change.level]}色`;
    live.dataset.count = String(Number(live.dataset.count ?? 0) + 1);
    const shown = panel.rows.some((r) => r.region.code === change.regionCode);
    if (!panel.region || (!shown && panel.rows.length > 0)) return;
    refreshWarnings({
      gql: panel.gql,
      chart: panel.chart,
      region: panel.region,
      regionName: panel.regionName,
    });
  });
  return socket;
}

/** Loads and draws the panel for a region (a county, a city or the province). `gql` and `chart` are the page's own. */
export async function refreshWarnings({ gql, chart, region, regionName }) {
  Object.assign(panel, { gql, chart, region, regionName });
  const element = $('warnings-panel');
  const status = $('warnings-status');
  status.textContent = '正在读取…';
  try {
    const { countyWarnings: rows } = await gql(WARNINGS_QUERY, { r: region });
    panel.rows = rows;
    if (!rows.some((r) => r.region.code === panel.chosen)) {
      panel.chosen = null;
      $('warning-history').hidden = true;
    }
    drawTable(rows);
    $('warnings').hidden = rows.length === 0;
    const raised = rows.filter((r) => r.level !== 'BLUE');
    status.textContent =
      rows.length === 0
        ? `${regionName}：今天的预警还没有计算。`
        : raised.length === 0
          ? `${regionName}：${rows.length} 个县（区）都是蓝色，没有规模性失业风险。`
          : `${regionName}：${raised.map((r) => `${r.region.name}${LEVELS[r.level]}色`).join('，')}。`;
    element.dataset.loaded = `${region}:${rows[0]?.day ?? ''}`;
    element.dataset.reads = String(Number(element.dataset.reads ?? 0) + 1);
    const chosen = rows.find((r) => r.region.code === panel.chosen);
    if (chosen) await showHistory(chosen.region.code, chosen.region.name, chosen.day);
    return rows;
  } catch (error) {
    status.textContent = `读取失业风险预警失败：${error.message}`;
    element.dataset.loaded = '';
    return null;
  }
}
