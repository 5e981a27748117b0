// The kiosk's 培训 tab: open courses near the station (stationCourses), soonest first, each with
// 补贴 or its fee, dates, hours, seats left, the place, a QR code to the course and 朗读.

import { el, qrSvg, speakButton, tag } from './cards.js';
import { distanceText, yuan } from './format.js';

const LEVELS = ['', '五级', '四级', '三级', '二级', '一级'];
/** How many courses one load reads at most (pages of 100). */
const MAX_COURSES = 500;

/** 12月13日 from a market day, 2026-12-13. */
const monthDay = (day) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

function certificateText(course) {
  if (course.certificate === 'SPECIAL_OPERATION') return '考取特种作业操作证';
  if (course.certificate === 'SKILL_LEVEL') return `考取${LEVELS[course.targetLevel] ?? ''}职业技能等级证书`;
  return '';
}

/** What 朗读 says of a course, in full sentences. */
export function spokenCourse(course) {
  const fee = course.subsidised ? '政府补贴，免费参加' : `学费${yuan(course.feeFen)}元`;
  const certificate = certificateText(course);
  return [
    `${course.title}。`,
    `工种：${course.skill.name}。`,
    `${fee}。`,
    `${monthDay(course.startsOn)}开课，${monthDay(course.endsOn)}结课，一共${course.hours}个课时。`,
    `${monthDay(course.enrolBy)}以前报名，还剩${course.seatsLeft}个名额。`,
    certificate ? `${certificate}。` : '',
    `上课地点：${course.address}。`,
  ].join('');
}

/** One course as a card; every text goes in through textContent (providers' input). */
export function renderCourseCard(course, courseUrl) {
  const card = el('article', 'card course');
  card.dataset.courseId = course.id;
  const main = el('div', 'main');
  main.append(el('h2', 'title', course.title));
  const fee = el('p', 'pay');
  if (course.subsidised) fee.append(el('b', 'amount', '补贴'), el('span', 'unit', '免费'));
  else fee.append(el('b', 'amount', yuan(course.feeFen)), el('span', 'unit', '元'));
  fee.append(tag(course.skill.name, 'trade'));
  main.append(fee);
  main.append(
    el(
      'p',
      'when',
      `${monthDay(course.startsOn)}–${monthDay(course.endsOn)} · ${course.hours} 课时 · ${monthDay(course.enrolBy)}前报名`,
    ),
  );
  const where = el('p', 'where');
  where.append(el('span', 'address', course.address));
  if (course.distanceKm != null)
    where.append(el('span', 'distance', `离驿站 ${distanceText(course.distanceKm)}`));
  main.append(where);
  const left = el('p', 'left');
  left.append('还剩 ', el('b', null, String(course.seatsLeft)), ' 个名额');
  main.append(left);
  const certificate = certificateText(course);
  if (certificate) main.append(el('p', 'certificate', certificate));

  const url = courseUrl(course.id);
  const qr = el('figure', 'qr');
  qr.dataset.url = url;
  const image = el('div', 'code');
  image.innerHTML = qrSvg(url); // markup from qrcode-generator, no course text in it
  qr.append(image, el('figcaption', null, '扫码看课程'));
  card.append(main, speakButton(course), qr);
  return card;
}

/**
 * The tab: `graphql(name, variables)` asks the API, `speaker` reads aloud, `courseUrl(id)` is the
 * QR code's link; `onBack()` redraws the gigs when their tab is chosen again.
 */
export function createTrainingTab({ graphql, speaker, courseUrl, $, onBack }) {
  const courses = new Map();
  let shown = false;

  async function load() {
    const list = [];
    let after = null;
    do {
      const { stationCourses } = await graphql('KioskCourses', { after });
      list.push(...stationCourses.edges.map((edge) => ({ ...edge.node, distanceKm: edge.distanceKm })));
      after = stationCourses.pageInfo.hasNextPage ? stationCourses.pageInfo.endCursor : null;
    } while (after && list.length < MAX_COURSES);
    courses.clear();
    for (const course of list) courses.set(course.id, course);
    render();
  }

  function render() {
    const cards = [...courses.values()].map((course) => renderCourseCard(course, courseUrl));
    $('courses').replaceChildren(...cards);
    $('courses-empty').hidden = !shown || cards.length > 0;
  }

  function show(on) {
    shown = on;
    for (const id of ['board', 'filters', 'prev', 'page', 'next']) $(id).hidden = on;
    if (on) $('empty').hidden = true;
    $('courses').hidden = !on;
    $('tab-gigs').setAttribute('aria-pressed', String(!on));
    $('tab-training').setAttribute('aria-pressed', String(on));
    if (on) load().catch((error) => console.warn('kiosk: could not load the courses', error));
    else {
      $('courses-empty').hidden = true;
      onBack();
    }
  }

  $('tabs').addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (button) show(button.id === 'tab-training');
  });
  $('courses').addEventListener('click', (event) => {
    const course = courses.get(event.target.closest('button.speak')?.closest('.card')?.dataset.courseId);
    if (course) speaker.toggle(course.id, spokenCourse(course));
  });

  return {
    /** Reads the station's courses again (each connect, and when the tab is chosen). */
    load,
    has: (id) => courses.has(id),
    get shown() {
      return shown;
    },
  };
}
