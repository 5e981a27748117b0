// The 规模性失业风险预警 panel of the dashboard: today's reading of every county in the chosen region,
// worst level first, with the indicators behind each level (docs/warnings.md). The levels and the
// figures come from the API (countyWarnings); nothing is judged here.

const WARNINGS_QUERY = `query Warnings($r: ID!) {
  countyWarnings(regionCode: $r) {
    region { code name } day level previousLevel reasons seekers openSeats seekersPerSeat
    postings postingsBefore hires hiresBefore unmatched7d massCancellations massCancelEmployer { name }
    computedAt
  }
}`;

const LEVELS = { BLUE: '蓝', YELLOW: '黄', ORANGE: '橙', RED: '红' };
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
        return tr;
      }),
    );
}

/** Loads and draws the panel for a region (a county, a city or the province). `gql` is the page's own. */
export async function refreshWarnings({ gql, region, regionName }) {
  const panel = $('warnings-panel');
  const status = $('warnings-status');
  status.textContent = '正在读取…';
  try {
    const { countyWarnings: rows } = await gql(WARNINGS_QUERY, { r: region });
    drawTable(rows);
    $('warnings').hidden = rows.length === 0;
    const raised = rows.filter((r) => r.level !== 'BLUE');
    status.textContent =
      rows.length === 0
        ? `${regionName}：今天的预警还没有计算。`
        : raised.length === 0
          ? `${regionName}：${rows.length} 个县（区）都是蓝色，没有规模性失业风险。`
          : `${regionName}：${raised.map((r) => `${r.region.name}${LEVELS[r.level]}色`).join('，')}。`;
    panel.dataset.loaded = `${region}:${rows[0]?.day ?? ''}`;
    return rows;
  } catch (error) {
    status.textContent = `读取失业风险预警失败：${error.message}`;
    panel.dataset.loaded = '';
    return null;
  }
}
