// The 帮扶台账 panel of the dashboard: per station, how many of the region's people are on the
// follow-up list and how many are overdue (docs/followup.md). Counts only: the names stay behind
// the audited list (followUpList, the CSV). Nothing is judged here.

const COUNTS_QUERY = `query FollowUpCounts($r: ID) {
  followUpCounts(regionCode: $r) { stationId stationName onList overdue }
}`;

const $ = (id) => document.getElementById(id);
const integer = new Intl.NumberFormat('zh-CN');

function drawTable(rows) {
  $('followup')
    .querySelector('tbody')
    .replaceChildren(
      ...rows.map((r) => {
        const tr = document.createElement('tr');
        tr.dataset.station = r.stationId ?? '';
        for (const text of [
          r.stationName ?? '不在任何驿站服务范围',
          integer.format(r.onList),
          integer.format(r.overdue),
        ]) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.append(td);
        }
        if (r.overdue > 0) tr.children[2]?.classList.add('overdue');
        return tr;
      }),
    );
}

/** Loads and draws the panel for a region (a county, a city or the province). `gql` is the page's own. */
export async function refreshFollowUp({ gql, region, regionName }) {
  const panel = $('followup-panel');
  const status = $('followup-status');
  status.textContent = '正在读取…';
  try {
    const { followUpCounts: rows } = await gql(COUNTS_QUERY, { r: region });
    drawTable(rows);
    $('followup').hidden = rows.length === 0;
    const onList = rows.reduce((sum, r) => sum + r.onList, 0);
    const overdue = rows.reduce((sum, r) => sum + r.overdue, 0);
    status.textContent =
      onList === 0
        ? `${regionName}：帮扶名单上没有人。`
        : `${regionName}：帮扶名单 ${integer.format(onList)} 人，其中逾期未跟进 ${integer.format(overdue)} 人。`;
    panel.dataset.loaded = region;
    return rows;
  } catch (error) {
    status.textContent = `读取帮扶台账失败：${error.message}`;
    panel.dataset.loaded = '';
    return null;
  }
}
