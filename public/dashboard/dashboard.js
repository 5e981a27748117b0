// The bureau's dashboard (零工市场监测): signs in as an admin, reads the statistics through GraphQL
// and draws them with Apache ECharts. Everything on the page comes from the API; nothing is computed
// here but formatting.

import { drawFairness } from './fairness.js';
import { refreshFollowUp } from './followup.js';
import { ask, download, jsonOf } from './http.js';
import { refreshShortage, shortageCsvPath } from './shortage.js';
import { listenForWarnings, refreshWarnings } from './warnings.js';

const TOKEN_KEY = 'lingong.adminToken';
/** The demo market's city (济宁市): shown first when it exists. */
const PREFERRED = ['370000', '370800'];
const DAY_MS = 86_400_000;

const DASHBOARD_QUERY = `query Dashboard($r: ID!, $from: DateTime!, $to: DateTime!) {
  regionStats(regionCode: $r, from: $from, to: $to) {
    region { code name level } fromDay toDay gigsPosted gigsFilled fillRate medianMinutesToFill hires wagesPaidYuan
    openArrears arrearsOpened arrearsClosed olderWorkerHires olderWorkerShare hiresByOrigin { value label count }
    offersSent olderWorkerOffers olderWorkerOfferShare
  }
  regionSeries(regionCode: $r, from: $from, to: $to) {
    day gigsPosted gigsFilled fillRate medianMinutesToFill hires wagesPaidYuan openArrears olderWorkerShare
  }
  regionBreakdown(regionCode: $r, from: $from, to: $to) {
    region { code name } gigsPosted gigsFilled fillRate medianMinutesToFill hires wagesPaidYuan openArrears olderWorkerShare
  }
}`;

const $ = (id) => document.getElementById(id);

/** What the page shows, readable from outside (the browser test compares it with the API). */
const state = { token: sessionStorage.getItem(TOKEN_KEY), charts: {}, data: null };
window.lingongDashboard = state;

async function gql(query, variables = {}) {
  const response = await ask('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(state.token ? { authorization: `Bearer ${state.token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await jsonOf(response);
  if (body.errors?.length) {
    const [first] = body.errors;
    const error = new Error(first.message);
    error.code = first.extensions?.code;
    throw error;
  }
  return body.data;
}

// ---- dates: calendar days in China Standard Time ----

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const marketDay = (at) => dayFormat.format(at);
const startOf = (day) => `${day}T00:00:00+08:00`;
const nextDay = (day) => marketDay(new Date(Date.parse(startOf(day)) + DAY_MS));

// ---- formatting ----

const integer = new Intl.NumberFormat('zh-CN');
const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = (x) => `${(x * 100).toFixed(1)}%`;
const minutes = (x) => (x === null || x === undefined ? '—' : integer.format(x));

function setText(element, text) {
  element.textContent = text;
}

// ---- sign-in ----

function showLogin(message = '') {
  $('login').hidden = false;
  $('board').hidden = true;
  $('sign-out').hidden = true;
  setText($('who'), '');
  setText($('login-error'), message);
}

async function signIn(event) {
  event.preventDefault();
  setText($('login-error'), '');
  try {
    const { login } = await gql(
      'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { token account { role displayName } } }',
      { p: $('phone').value.trim(), w: $('password').value },
    );
    if (login.account.role !== 'ADMIN') {
      showLogin('这个账号不是管理员账号，无权查看监测数据。');
      return;
    }
    state.token = login.token;
    sessionStorage.setItem(TOKEN_KEY, login.token);
    await start(login.account.displayName);
  } catch (error) {
    showLogin(`登录失败：${error.message}`);
  }
}

function signOut() {
  state.socket?.disconnect();
  state.socket = null;
  state.token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  showLogin();
}

// ---- region picker ----

async function fillSelect(select, parentCode, allLabel) {
  const { regions } = await gql('query ($p: ID) { regions(parentCode: $p) { code name } }', {
    p: parentCode,
  });
  select.replaceChildren();
  if (allLabel) select.append(new Option(allLabel, ''));
  for (const region of regions) select.append(new Option(region.name, region.code));
  const preferred = regions.find((r) => PREFERRED.includes(r.code));
  if (preferred) select.value = preferred.code;
  return regions;
}

async function onProvince() {
  await fillSelect($('city'), $('province').value, '全部');
  await onCity();
}

async function onCity() {
  const city = $('city').value;
  if (city) await fillSelect($('county'), city, '全部');
  else $('county').replaceChildren(new Option('全部', ''));
  $('county').value = '';
}

const chosenRegion = () => $('county').value || $('city').value || $('province').value;

function chosenRange() {
  const fromDay = $('from').value;
  const toDay = $('to').value;
  if (!fromDay || !toDay || toDay < fromDay) throw new Error('请选择起止日期，结束日期不能早于开始日期。');
  return { from: startOf(fromDay), to: startOf(nextDay(toDay)) };
}

// ---- charts ----

function chart(id) {
  // The charts draw their Chinese labels in the page's own font stack (dashboard.css).
  const textStyle = { fontFamily: getComputedStyle(document.body).fontFamily };
  state.charts[id] ??= window.echarts.init($(id), { textStyle }, { renderer: 'canvas' });
  return state.charts[id];
}

function lineOrBar(id, days, series, valueFormatter) {
  chart(id).setOption(
    {
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter },
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 48, right: 16, top: series.length > 1 ? 32 : 16, bottom: 28 },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ connectNulls: false, ...s })),
    },
    true,
  );
}

function drawCharts(data) {
  const series = data.regionSeries;
  const days = series.map((d) => d.day);
  lineOrBar('chart-posted', days, [
    { name: '发布岗位', type: 'bar', data: series.map((d) => d.gigsPosted) },
    { name: '招满岗位', type: 'bar', data: series.map((d) => d.gigsFilled) },
  ]);
  lineOrBar(
    'chart-fill-rate',
    days,
    [
      {
        name: '招满率',
        type: 'line',
        data: series.map((d) => (d.gigsPosted > 0 ? Number((d.fillRate * 100).toFixed(1)) : null)),
      },
    ],
    (v) => (v === null || v === undefined ? '—' : `${v}%`),
  );
  lineOrBar('chart-time-to-fill', days, [
    { name: '用时中位数（分钟）', type: 'line', data: series.map((d) => d.medianMinutesToFill) },
  ]);
  lineOrBar('chart-wages', days, [
    { name: '支付工资（元）', type: 'bar', data: series.map((d) => d.wagesPaidYuan) },
  ]);
  lineOrBar('chart-arrears', days, [
    { name: '未结欠薪', type: 'line', step: 'end', data: series.map((d) => d.openArrears) },
  ]);
  lineOrBar(
    'chart-older',
    days,
    [
      {
        name: '大龄劳动者占比',
        type: 'line',
        data: series.map((d) => (d.hires > 0 ? Number((d.olderWorkerShare * 100).toFixed(1)) : null)),
      },
    ],
    (v) => (v === null || v === undefined ? '—' : `${v}%`),
  );
  chart('chart-origin').setOption(
    {
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          name: '成交人次',
          type: 'pie',
          radius: ['35%', '65%'],
          label: { formatter: '{b}\n{c} 人次' },
          data: data.regionStats.hiresByOrigin.map((o) => ({
            name: o.label,
            value: o.count,
            label: { show: o.count > 0 },
            labelLine: { show: o.count > 0 },
          })),
        },
      ],
    },
    true,
  );
}

// ---- totals and table ----

function drawKpis(stats) {
  const tiles = [
    ['gigsPosted', '发布岗位', integer.format(stats.gigsPosted)],
    ['gigsFilled', '招满岗位', integer.format(stats.gigsFilled)],
    ['fillRate', '招满率', percent(stats.fillRate)],
    ['medianMinutesToFill', '招满用时中位数（分钟）', minutes(stats.medianMinutesToFill)],
    ['hires', '成交人次', integer.format(stats.hires)],
    ['wagesPaidYuan', '支付工资（元）', yuan.format(stats.wagesPaidYuan)],
    ['openArrears', '未结欠薪（件）', integer.format(stats.openArrears)],
    ['olderWorkerShare', '大龄劳动者占比', percent(stats.olderWorkerShare)],
  ];
  $('kpis').replaceChildren(
    ...tiles.map(([key, label, value]) => {
      const tile = document.createElement('div');
      tile.className = 'kpi';
      tile.dataset.key = key;
      const number = document.createElement('div');
      number.className = 'value';
      number.textContent = value;
      const caption = document.createElement('div');
      caption.className = 'label';
      caption.textContent = label;
      tile.append(number, caption);
      return tile;
    }),
  );
}

function drawTable(data) {
  const rows = data.regionBreakdown;
  setText(
    $('table-title'),
    rows.length > 0
      ? `${data.regionStats.region.name}下辖地区`
      : `${data.regionStats.region.name}没有下辖地区`,
  );
  $('regions')
    .querySelector('tbody')
    .replaceChildren(
      ...rows.map((r) => {
        const tr = document.createElement('tr');
        tr.dataset.region = r.region.code;
        for (const text of [
          r.region.name,
          integer.format(r.gigsPosted),
          integer.format(r.gigsFilled),
          percent(r.fillRate),
          minutes(r.medianMinutesToFill),
          integer.format(r.hires),
          yuan.format(r.wagesPaidYuan),
          integer.format(r.openArrears),
          percent(r.olderWorkerShare),
        ]) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.append(td);
        }
        return tr;
      }),
    );
}

// ---- loading ----

async function refresh(event) {
  event?.preventDefault();
  setText($('error'), '');
  let range;
  try {
    range = chosenRange();
  } catch (error) {
    setText($('error'), error.message);
    return;
  }
  setText($('status'), '正在读取…');
  try {
    const data = await gql(DASHBOARD_QUERY, { r: chosenRegion(), ...range });
    state.data = data;
    drawKpis(data.regionStats);
    drawCharts(data);
    drawFairness(chart, data.regionStats);
    drawTable(data);
    const s = data.regionStats;
    const county = $('county').value;
    state.shortage = await refreshShortage({
      gql,
      chart,
      county,
      countyName: county ? s.region.name : '',
      fromDay: $('from').value,
      toDay: $('to').value,
    });
    state.warnings = await refreshWarnings({ gql, chart, region: s.region.code, regionName: s.region.name });
    state.followUp = await refreshFollowUp({ gql, region: s.region.code, regionName: s.region.name });
    setText(
      $('status'),
      `${s.region.name}，${s.fromDay} 至 ${s.toDay}，更新于 ${new Date().toLocaleTimeString('zh-CN')}`,
    );
    document.body.dataset.loaded = `${s.region.code}:${s.fromDay}:${s.toDay}`;
  } catch (error) {
    if (error.code === 'UNAUTHENTICATED') return showLogin('登录已过期，请重新登录。');
    setText($('status'), '');
    setText($('error'), `读取失败：${error.message}`);
  }
}

/** The CSV at the path `pathOf` gives (the daily series, or the shortage report), as a download. */
async function downloadCsv(pathOf) {
  setText($('error'), '');
  try {
    await download(pathOf(), state.token);
  } catch (error) {
    setText($('error'), `导出失败：${error.message}`);
  }
}

async function start(displayName) {
  $('login').hidden = true;
  $('board').hidden = false;
  $('sign-out').hidden = false;
  setText($('who'), displayName ? `管理员：${displayName}` : '');
  const today = marketDay(new Date());
  $('to').value = today;
  $('from').value = marketDay(new Date(Date.parse(startOf(today)) - 29 * DAY_MS));
  await fillSelect($('province'), null);
  await onProvince();
  await refresh();
  // Changes of a county's warning level arrive on the admins' socket (docs/warnings.md).
  state.socket ??= listenForWarnings({ token: state.token });
}

function main() {
  $('login').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('filters').addEventListener('submit', refresh);
  $('province').addEventListener('change', () => onProvince().catch((e) => setText($('error'), e.message)));
  $('city').addEventListener('change', () => onCity().catch((e) => setText($('error'), e.message)));
  $('csv').addEventListener('click', () =>
    downloadCsv(
      () => `/stats/series.csv?${new URLSearchParams({ regionCode: chosenRegion(), ...chosenRange() })}`,
    ),
  );
  $('shortage-csv').addEventListener('click', () =>
    downloadCsv(() => chosenRange() && shortageCsvPath($('county').value, $('from').value, $('to').value)),
  );
  window.addEventListener('resize', () => {
    for (const c of Object.values(state.charts)) c.resize();
  });
  if (!state.token) return showLogin();
  gql('{ me { role displayName } }')
    .then(({ me }) => (me?.role === 'ADMIN' ? start(me.displayName) : signOut()))
    .catch(() => showLogin('登录已过期，请重新登录。'));
}

main();
