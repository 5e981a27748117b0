import { distanceKm, roundKm } from '../modules/gigs/distance.js';
import type { GigRecord } from '../modules/gigs/gigs.repository.js';
import type { AccidentCover } from '../modules/insurance/insurance.service.js';
import type { StationRecord } from '../modules/stations/stations.service.js';
import { distanceText, payText, whenText, yuan } from './gig-text.js';

/** What the public gig page (`/g/:id`) shows: the gig, and the station whose kiosk QR led here. */
export type GigPageView = {
  gig: GigRecord;
  employer: { name: string; verified: boolean } | null;
  skillNames: string[];
  /** A trade of the gig is a special operation (特种作业): only holders of a valid 特种作业操作证. */
  requiresOperationCertificate: boolean;
  /** The per-day accident insurance its hires get (含意外险), and who provides it. */
  accidentCover: Pick<AccidentCover, 'required' | 'payer' | 'provider' | 'insurer' | 'policyNumber'>;
  regionName: string | null;
  station: StationRecord | null;
  now: Date;
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and quoted attributes: every gig field is someone's input. */
/** Who provides the cover, as the page says it: per-day policies (the employer or the pool) or a group policy. */
function coverWords(cover: GigPageView['accidentCover']): string {
  if (cover.provider === 'EMPLOYER_GROUP_POLICY')
    return `用工单位团体意外险，${escapeHtml(cover.insurer ?? '')}，保单号 ${escapeHtml(cover.policyNumber ?? '')}`;
  return `${cover.payer === 'BUREAU_POOL' ? '人社局统筹' : '用工单位'}按日投保`;
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const CLOSED: Record<string, string> = {
  FILLED: '已招满',
  IN_PROGRESS: '已开工',
  COMPLETED: '已结束',
  CANCELLED: '已取消',
  EXPIRED: '已过期',
};

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · 零工</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/kiosk/gig.css">
</head>
<body>
<main>
${body}
</main>
<footer>零工市场 · 工资按时足额支付，被欠薪请拨打人社服务热线 <a href="tel:12333">12333</a></footer>
</body>
</html>
`;
}

export function stationSteps(station: StationRecord | null): string {
  if (!station) {
    return '<li><b>到附近的就业驿站（零工驿站）</b>：带上身份证，工作人员帮您报名。</li>';
  }
  const hours = station.openingHours ? `，开放时间 ${escapeHtml(station.openingHours)}` : '';
  const call = station.phone
    ? `<li><b>打电话问驿站</b>：<a class="call" href="tel:${escapeHtml(station.phone)}">${escapeHtml(station.phone)}</a></li>`
    : '';
  return `<li><b>到${escapeHtml(station.name)}</b>（${escapeHtml(station.address)}${hours}）：带上身份证，工作人员帮您报名。</li>${call}`;
}

function howToTake(view: GigPageView, open: boolean): string {
  if (!open) {
    return `<section class="take"><h2>怎么报名</h2>
<p>这个活已经不招人了。驿站的屏幕上还有别的活，欢迎到驿站看看。</p></section>`;
  }
  const app = view.gig.instant
    ? '在零工App里打开这个活点“报名”；这是即时快招的活，登记了技能和空闲时间的工友也会直接收到派单，点“接单”就行。'
    : '在零工App里打开这个活，点“报名”，等老板确认。';
  return `<section class="take"><h2>怎么报名</h2>
<ol>${stationSteps(view.station)}<li><b>有零工App的</b>：${app}</li></ol></section>`;
}

/** The public page of one gig, all text escaped. */
export function renderGigPage(view: GigPageView): string {
  const { gig, station } = view;
  const open = gig.status === 'OPEN' && gig.startsAt > view.now;
  const closed = open ? '' : `<p class="closed">${CLOSED[gig.status] ?? '已开工'}</p>`;
  const left = gig.headcount - gig.filled;
  const tags = [
    gig.olderFriendly ? '<span class="tag older">适合大龄</span>' : '',
    gig.publicWelfare ? '<span class="tag">公益性岗位</span>' : '',
    gig.instant ? '<span class="tag">即时快招</span>' : '',
    view.accidentCover.required ? '<span class="tag insured">含意外险</span>' : '',
  ].join('');
  const away = station
    ? `，离${escapeHtml(station.name)} ${distanceText(roundKm(distanceKm(station, gig)))}`
    : '';
  const hourly =
    gig.payUnit === 'HOUR' ? '' : `<span class="hourly">折合每小时 ${yuan(gig.hourlyFen)}元</span>`;
  const employer = view.employer
    ? `<dt>老板</dt><dd>${escapeHtml(view.employer.name)}${view.employer.verified ? '（已认证）' : ''}</dd>`
    : '';
  const body = `${closed}
<h1>${escapeHtml(gig.title)}</h1>
<p class="pay">${payText(gig.payFen, gig.payUnit)}${hourly}</p>
<p class="tags">${tags}</p>
<dl>
<dt>时间</dt><dd>${whenText(gig.startsAt, gig.endsAt)}</dd>
<dt>地点</dt><dd>${escapeHtml(gig.address)}${view.regionName ? `（${escapeHtml(view.regionName)}）` : ''}${away}</dd>
<dt>人数</dt><dd>招 ${gig.headcount} 人${open ? `，还差 <b>${left}</b> 人` : ''}</dd>
<dt>工种</dt><dd>${view.skillNames.map(escapeHtml).join('、') || '不限'}</dd>
${view.requiresOperationCertificate ? '<dt>证书</dt><dd class="certificate"><b>需持特种作业操作证</b>（有效期内）</dd>' : ''}
${view.accidentCover.required ? `<dt>保险</dt><dd class="insurance"><b>含意外险</b>（${coverWords(view.accidentCover)}）</dd>` : ''}
${employer}
<dt>结算</dt><dd>完工后 ${gig.payDueDays} 天内付清</dd>
</dl>
<section class="about"><h2>干什么活</h2><p>${escapeHtml(gig.description)}</p></section>
${howToTake(view, open)}`;
  return page(gig.title, body);
}

/** The page for an id that names no gig. */
export function renderNotFoundPage(): string {
  return page(
    '没有找到这个活',
    `<h1>没有找到这个活</h1>
<p>链接可能不完整，或者这个活已经删除了。请到就业驿站（零工驿站）看屏幕上的活，工作人员会帮您。</p>`,
  );
}
