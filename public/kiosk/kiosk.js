// The job-station kiosk: the station's open gigs, live over socket.io, paged slowly when idle.

import { createBoard, fromEdge } from './board.js';
import { renderCard } from './cards.js';
import { dayText, hhmm } from './format.js';
import { QUERIES } from './queries.js';
import { createSpeaker } from './speech.js';
import { spokenText } from './spoken-text.js';
import { createTrainingTab } from './training.js';

const TOKEN_KEY = 'lingong.kioskToken';
/** How many gigs one full load reads at most (pages of 100). */
const MAX_GIGS = 1000;
/** Idle: the next page every PAGE_MS, once nobody has touched the screen for IDLE_MS. */
const PAGE_MS = 12_000;
const IDLE_MS = 45_000;
/** When socket.io will not retry by itself (the server dropped or refused us), we do, after this. */
const RECONNECT_AFTER_MS = 3_000;
const REDRAW_MS = 10_000;
/** How long the notice that nothing can be read aloud stays up. */
const VOICE_NOTICE_MS = 10_000;
/** After the server said it does not know a query's hash (a newer release), reload at most this often. */
const STALE_RELOAD_MS = 60_000;
const STALE_KEY = 'lingong.kioskStaleReloadAt';
const VOICE_NOTICES = {
  unsupported: '这台机器不能朗读，请找工作人员帮您读。',
  none: '本机没有安装中文语音，请找工作人员帮您读。',
  failed: '没有读出来，请找工作人员帮您读。',
};

const $ = (id) => document.getElementById(id);

const state = {
  token: null,
  station: null,
  board: createBoard(),
  skills: new Map(), // code → { name, category }
  categories: [], // in taxonomy order
  filter: { category: '', olderFriendly: false },
  page: 0,
  /** The gigs of the cards on screen, by id (what a 朗读 press reads). */
  onScreen: new Map(),
  lastTouch: 0,
  lastFlip: Date.now(),
  renderedAt: 0,
  online: false,
  /** Whether the board on screen is known to be current: loaded since the last connect. */
  current: false,
  updatedAt: null,
};

class Unauthenticated extends Error {}

// ---- the token: from #token=… once, then from localStorage; asked for when there is none ----

function takeToken() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    localStorage.setItem(TOKEN_KEY, fromHash);
    // Off the address bar, so it is not on screen or in a bookmark.
    history.replaceState(null, '', location.pathname + location.search);
  }
  return fromHash || localStorage.getItem(TOKEN_KEY);
}

function askForToken(problem) {
  localStorage.removeItem(TOKEN_KEY);
  $('setup-problem').textContent = problem ?? '';
  $('setup').hidden = false;
  $('setup-token').focus();
}

$('setup-form').addEventListener('submit', (event) => {
  event.preventDefault();
  localStorage.setItem(TOKEN_KEY, $('setup-token').value.trim());
  location.reload();
});

// ---- talking to the API ----

/**
 * One of the kiosk's GraphQL documents, sent by its hash (the server holds the text, src/kiosk/).
 * A GET, as GraphQL over HTTP has queries sent: the server answers a board it keeps before it
 * parses anything (src/kiosk/board-front.ts).
 */
async function graphql(name, variables) {
  const parameters = new URLSearchParams({ persisted: 'true', query: QUERIES[name] });
  if (variables) parameters.set('variables', JSON.stringify(variables));
  const response = await fetch(`/graphql?${parameters}`, {
    headers: { authorization: `Bearer ${state.token}` },
  });
  const body = await response.json();
  if (body.errors?.some((e) => e.extensions?.persistedQuery)) reloadForNewQueries();
  const denied = body.errors?.find((e) => ['UNAUTHENTICATED', 'FORBIDDEN'].includes(e.extensions?.code));
  if (denied) throw new Unauthenticated(denied.message);
  if (!body.data) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body.data;
}

/** The server is newer than this page: load the page again, for its hashes (not in a loop). */
function reloadForNewQueries() {
  const last = Number(sessionStorage.getItem(STALE_KEY) ?? 0);
  if (Date.now() - last < STALE_RELOAD_MS) return;
  sessionStorage.setItem(STALE_KEY, String(Date.now()));
  location.reload();
}

async function loadStation() {
  const response = await fetch('/kiosk/station.json', {
    headers: { authorization: `Bearer ${state.token}` },
  });
  if (response.status === 401) throw new Unauthenticated((await response.json()).error?.message);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  state.station = await response.json();
  $('station-name').textContent = state.station.name;
  const phone = state.station.phone ? ` · 电话 ${state.station.phone}` : '';
  $('station-line').textContent = `${state.station.serviceRadiusKm} 公里内的活${phone}`;
  document.title = `${state.station.name} · 附近的活`;
}

async function loadSkills() {
  const { skills } = await graphql('KioskSkills');
  for (const skill of skills) {
    state.skills.set(skill.code, skill);
    if (!state.categories.includes(skill.category)) state.categories.push(skill.category);
  }
  const older = $('older');
  for (const category of state.categories) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'trade';
    button.dataset.category = category;
    button.setAttribute('aria-pressed', 'false');
    button.append(category, Object.assign(document.createElement('span'), { className: 'count' }));
    older.before(button);
  }
}

let loading = null;
let buffered = [];

/** The whole board again (first load, every reconnect); events arriving meanwhile are applied after. */
async function reload() {
  if (loading) return loading;
  loading = (async () => {
    try {
      const gigs = [];
      let after = null;
      do {
        const { stationBoard } = await graphql('KioskBoard', { after });
        gigs.push(...stationBoard.edges.map(fromEdge));
        after = stationBoard.pageInfo.hasNextPage ? stationBoard.pageInfo.endCursor : null;
      } while (after && gigs.length < MAX_GIGS);
      state.board.replace(gigs);
      for (const apply of buffered) apply();
      state.current = true;
      touched();
    } finally {
      buffered = [];
      loading = null;
    }
  })();
  return loading;
}

function onEvent(apply) {
  if (loading) buffered.push(apply);
  else {
    apply();
    touched();
  }
}

/** The board changed: note the time and draw it. */
function touched() {
  state.updatedAt = new Date();
  render();
}

// ---- drawing ----

function filterNow() {
  const { category, olderFriendly } = state.filter;
  const skills = category
    ? new Set([...state.skills.values()].filter((s) => s.category === category).map((s) => s.code))
    : null;
  return { skills, olderFriendly };
}

/** How many cards fit: the grid's columns times the rows its height holds. */
function pageSize() {
  const board = $('board');
  const style = getComputedStyle(board);
  const columns = style.gridTemplateColumns.split(' ').length;
  const rowHeight = Number.parseFloat(
    getComputedStyle(document.documentElement).getPropertyValue('--card-h'),
  );
  const gap = Number.parseFloat(style.rowGap) || 0;
  const height =
    board.clientHeight - Number.parseFloat(style.paddingTop) - Number.parseFloat(style.paddingBottom);
  return columns * Math.max(1, Math.floor((height + gap) / (rowHeight + gap)));
}

const gigUrl = (id) => `${location.origin}/g/${id}${state.station ? `?s=${state.station.id}` : ''}`;
const skillName = (code) => state.skills.get(code)?.name;
/** A trade of the gig is a special operation (特种作业): the card says a certificate is needed. */
const needsCertificate = (gig) => gig.skills.some((code) => state.skills.get(code)?.specialOperation);
/**
 * The gig's hires are insured for each day they work (含意外险): a risky trade or a public-welfare
 * post, the server's rule (docs/insurance.md) read from the same trades.
 */
const insured = (gig) => gig.publicWelfare || gig.skills.some((code) => state.skills.get(code)?.accidentRisk);

function render() {
  state.renderedAt = Date.now();
  const shown = state.board.visible(filterNow());
  $('empty').hidden = shown.length > 0 || training.shown; // before measuring: it takes room from the board
  const size = pageSize();
  const pages = Math.max(1, Math.ceil(shown.length / size));
  state.page = Math.min(state.page, pages - 1);
  const onPage = shown.slice(state.page * size, (state.page + 1) * size);
  state.onScreen = new Map(onPage.map((gig) => [gig.id, gig]));
  const cards = onPage.map((gig) =>
    renderCard(gig, { skillName, needsCertificate, insured, gigUrl, fresh: state.board.isFresh(gig.id) }),
  );
  $('board').replaceChildren(...cards);
  // Reading goes on through a redraw that keeps its card, and stops once the card is off screen.
  const id = speaker.speakingId;
  if (id && !state.onScreen.has(id) && !(training.shown && training.has(id))) speaker.stop();
  markSpeaking(speaker.speakingId);
  $('page').textContent = `第 ${state.page + 1} / ${pages} 页 · 共 ${shown.length} 个活`;
  $('prev').disabled = pages < 2;
  $('next').disabled = pages < 2;

  const counts = state.board.countBy((code) => state.skills.get(code)?.category, state.filter);
  for (const button of document.querySelectorAll('button.trade')) {
    const category = button.dataset.category;
    button.setAttribute('aria-pressed', String(category === state.filter.category));
    const count = button.querySelector('.count');
    if (count) count.textContent = String(counts.get(category) ?? 0);
    button.classList.toggle('none', Boolean(category) && !counts.get(category));
  }
  $('older').setAttribute('aria-pressed', String(state.filter.olderFriendly));
  renderStatus();
}

function renderStatus() {
  const status = $('status');
  status.classList.toggle('offline', !state.online);
  $('status-text').textContent = state.online ? '实时更新' : '网络中断，正在重新连接…';
  $('updated').textContent = state.updatedAt ? `更新于 ${hhmm(state.updatedAt)}` : '';
}

function tick() {
  const now = new Date();
  $('clock').textContent = hhmm(now);
  $('today').textContent = dayText(now);
  // Connected and loaded, the board is current; offline, the time stops where the link broke.
  if (state.online && state.current) {
    state.updatedAt = now;
    renderStatus();
  }
  const idle = Date.now() - state.lastTouch > IDLE_MS;
  if (idle && Date.now() - state.lastFlip > PAGE_MS) turnPage(1);
  // Now and then, so started gigs leave and "new" marks fade even when nothing is pushed.
  else if (Date.now() - state.renderedAt > REDRAW_MS) render();
}

function turnPage(step) {
  const pages = Math.ceil(state.board.visible(filterNow()).length / pageSize());
  state.lastFlip = Date.now();
  if (pages < 2) return;
  state.page = (state.page + step + pages) % pages;
  render();
}

// ---- touch ----

document.addEventListener('pointerdown', () => {
  state.lastTouch = Date.now();
});
$('filters').addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button) return;
  if (button.id === 'older') state.filter.olderFriendly = !state.filter.olderFriendly;
  else state.filter.category = button.dataset.category ?? '';
  state.page = 0;
  render();
});
$('prev').addEventListener('click', () => turnPage(-1));
$('next').addEventListener('click', () => turnPage(1));
addEventListener('resize', () => render());

// ---- 朗读: a card read aloud ----

const speaker = createSpeaker({
  synthesis: globalThis.speechSynthesis,
  Utterance: globalThis.SpeechSynthesisUtterance,
  onChange: markSpeaking,
  onProblem: showVoiceNotice,
});

function markSpeaking(gigId) {
  for (const card of document.querySelectorAll('#board .card, #courses .card')) {
    const speaking = (card.dataset.gigId ?? card.dataset.courseId) === gigId;
    card.classList.toggle('speaking', speaking);
    card.querySelector('button.speak')?.setAttribute('aria-pressed', String(speaking));
  }
}

let voiceNoticeTimer;
function showVoiceNotice(problem) {
  const notice = $('voice-notice');
  notice.textContent = VOICE_NOTICES[problem];
  notice.hidden = false;
  clearTimeout(voiceNoticeTimer);
  voiceNoticeTimer = setTimeout(() => {
    notice.hidden = true;
  }, VOICE_NOTICE_MS);
}

$('board').addEventListener('click', (event) => {
  const gig = state.onScreen.get(event.target.closest('button.speak')?.closest('.card')?.dataset.gigId);
  if (gig) speaker.toggle(gig.id, spokenText(gig, { skillName, needsCertificate, insured, now: new Date() }));
});
addEventListener('pagehide', () => speaker.stop());

// ---- 培训: the station's courses (training.js) ----

const courseUrl = (id) => `${location.origin}/c/${id}${state.station ? `?s=${state.station.id}` : ''}`;
const training = createTrainingTab({ graphql, speaker, courseUrl, $, onBack: () => render() });
$('voice-notice').addEventListener('click', (event) => {
  event.currentTarget.hidden = true;
});

// ---- live ----

function connect() {
  const socket = globalThis.io({ auth: { token: state.token }, reconnectionDelayMax: 10_000 });
  socket.on('connect', () => {
    state.online = true;
    renderStatus();
    sync().catch(failed);
  });
  socket.on('disconnect', (reason) => {
    state.online = false;
    state.current = false;
    renderStatus();
    // A server that drops us on purpose (a restart drains its sockets) is not retried by socket.io.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), RECONNECT_AFTER_MS);
  });
  socket.on('connect_error', (error) => {
    state.online = false;
    renderStatus();
    if (error.data?.code === 'UNAUTHENTICATED') {
      askForToken(error.message);
      return;
    }
    // A refusal by the server's middleware ends socket.io's own retries; try again later.
    if (!socket.active) setTimeout(() => socket.connect(), RECONNECT_AFTER_MS);
  });
  socket.on('board:upsert', ({ gig }) => onEvent(() => state.board.upsert(gig)));
  socket.on('board:remove', ({ gigId }) => onEvent(() => state.board.remove(gigId)));
}

function failed(error) {
  if (error instanceof Unauthenticated) askForToken(error.message);
  else console.warn('kiosk: could not load the board; showing the last one', error);
}

/** On every (re)connection: the station and the trades if not had yet, then the whole board. */
async function sync() {
  await Promise.all([state.station ? null : loadStation(), state.skills.size ? null : loadSkills()]);
  await reload();
  // The 培训 tab's courses, read ahead so the tab opens at once; a failure leaves it to the tab.
  training.load().catch((error) => console.warn('kiosk: could not load the courses', error));
}

function start() {
  state.token = takeToken();
  tick();
  setInterval(tick, 1_000);
  if (!state.token) {
    askForToken('');
    return;
  }
  render();
  connect();
}

start();
