import { distanceKm, roundKm } from '../modules/gigs/distance.js';
import type { StationRecord } from '../modules/stations/stations.service.js';
import type { CourseRecord } from '../modules/training/courses.repository.js';
import { escapeHtml, page, stationSteps } from './gig-page.js';
import { distanceText, yuan } from './gig-text.js';

/** What the public course page (`/c/:id`, the 培训 tab's QR code) shows. */
export type CoursePageView = {
  course: CourseRecord;
  providerName: string | null;
  skillName: string;
  regionName: string | null;
  station: StationRecord | null;
  today: string;
};

const LEVELS = ['', '五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师'];
const LANGUAGES: Record<string, string> = { MANDARIN: '普通话', DIALECT: '方言', BILINGUAL: '普通话和方言' };

/** 12月13日 from 2026-12-13. */
const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** What a pass brings: the 操作证, a level certificate, or a certificate of attendance only. */
function certificateText(course: CourseRecord): string {
  if (course.certificate === 'SPECIAL_OPERATION') return '考试合格取得<b>特种作业操作证</b>';
  if (course.certificate === 'SKILL_LEVEL')
    return `考核合格发<b>职业技能等级证书（${LEVELS[course.targetLevel ?? 0] ?? ''}）</b>`;
  return '不发证书';
}

/** The public page of one course, all text escaped. */
export function renderCoursePage(view: CoursePageView): string {
  const { course, station } = view;
  const open = course.status === 'OPEN' && course.enrolBy >= view.today && course.enrolled < course.seats;
  const left = course.seats - course.enrolled;
  const fee = course.subsidised
    ? `<span class="tag older">政府补贴 · 免费</span> ${escapeHtml(course.subsidySource ?? '')}`
    : `学费 ${yuan(course.feeFen)}元`;
  const away = station
    ? `，离${escapeHtml(station.name)} ${distanceText(roundKm(distanceKm(station, course)))}`
    : '';
  const closed = open
    ? ''
    : `<p class="closed">${course.status === 'CANCELLED' ? '已取消' : course.status === 'COMPLETED' ? '已结业' : '报名已截止'}</p>`;
  const steps = open
    ? `<ol>${stationSteps(station)}<li><b>有零工App的</b>：在App里打开这门课，点“报名”。</li></ol>`
    : '<p>这门课已经不收报名了。驿站的屏幕上“培训”一栏还有别的课，欢迎到驿站看看。</p>';
  const body = `${closed}
<h1>${escapeHtml(course.title)}</h1>
<p class="pay">${fee}</p>
<dl>
<dt>工种</dt><dd>${escapeHtml(view.skillName)}</dd>
<dt>时间</dt><dd>${monthDay(course.startsOn)} 开课，${monthDay(course.endsOn)} 结课，共 ${course.hours} 课时；${monthDay(course.enrolBy)} 前报名</dd>
<dt>地点</dt><dd>${escapeHtml(course.address)}${view.regionName ? `（${escapeHtml(view.regionName)}）` : ''}${away}</dd>
<dt>名额</dt><dd>共 ${course.seats} 人${open ? `，还剩 <b>${left}</b> 个名额` : ''}</dd>
<dt>证书</dt><dd class="certificate">${certificateText(course)}</dd>
<dt>授课</dt><dd>${LANGUAGES[course.language] ?? ''}</dd>
${view.providerName ? `<dt>培训机构</dt><dd>${escapeHtml(view.providerName)}（已认证）</dd>` : ''}
</dl>
<section class="about"><h2>学什么</h2><p>${escapeHtml(course.description)}</p></section>
<section class="take"><h2>怎么报名</h2>${steps}</section>`;
  return page(course.title, body);
}
