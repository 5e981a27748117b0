// One gig as a card. Every text goes in through textContent: gig fields are employers' input.

import { distanceText, payParts, whenText } from './format.js';

const qrCache = new Map();

/** The QR code of a URL as SVG markup, made in the browser by qrcode-generator. */
export function qrSvg(url) {
  let svg = qrCache.get(url);
  if (!svg) {
    const code = globalThis.qrcode(0, 'M');
    code.addData(url);
    code.make();
    svg = code.createSvgTag({ cellSize: 1, margin: 4, scalable: true });
    qrCache.set(url, svg);
  }
  return svg;
}

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

export function tag(text, className = '') {
  return el('span', `tag ${className}`.trim(), text);
}

const SVG = 'http://www.w3.org/2000/svg';

/** A loudspeaker drawn in SVG: an emoji may have no font on a kiosk. */
function speakerIcon() {
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('class', 'icon');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  const body = document.createElementNS(SVG, 'path');
  body.setAttribute('d', 'M3 9h4l5-4v14l-5-4H3z');
  const waves = document.createElementNS(SVG, 'path');
  waves.setAttribute('class', 'waves');
  waves.setAttribute('d', 'M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11');
  icon.append(body, waves);
  return icon;
}

/** The 朗读 button: the kiosk reads the gig aloud, or stops when pressed while reading. */
export function speakButton(gig) {
  const button = el('button', 'speak');
  button.type = 'button';
  button.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-label', `朗读：${gig.title}`);
  button.append(speakerIcon(), el('span', 'say', '朗读'), el('span', 'stop', '停止'));
  return button;
}

/**
 * @param gig a board gig (the `board:upsert` shape)
 * @param context { skillName(code), needsCertificate(gig), insured(gig), gigUrl(id), fresh }
 */
export function renderCard(gig, context) {
  const card = el('article', context.fresh ? 'card fresh' : 'card');
  card.dataset.gigId = gig.id;

  const main = el('div', 'main');
  main.append(el('h2', 'title', gig.title));

  const pay = el('p', 'pay');
  const parts = payParts(gig.payFen, gig.payUnit);
  if (parts.before) pay.append(el('span', 'unit', parts.before));
  pay.append(el('b', 'amount', parts.amount), el('span', 'unit', parts.unit));
  if (gig.olderFriendly) pay.append(tag('适合大龄', 'older'));
  if (gig.publicWelfare) pay.append(tag('公益岗'));
  if (context.insured?.(gig)) pay.append(tag('含意外险', 'insured'));
  if (gig.instant) pay.append(tag('急招', 'instant'));
  if (context.fresh) pay.append(tag('新', 'new'));
  main.append(pay);

  main.append(el('p', 'when', whenText(gig.startsAt, gig.endsAt)));

  const where = el('p', 'where');
  where.append(el('span', 'address', gig.address));
  if (gig.distanceKm != null) where.append(el('span', 'distance', `离驿站 ${distanceText(gig.distanceKm)}`));
  main.append(where);

  const left = el('p', 'left');
  left.append('还差 ', el('b', null, String(gig.placesLeft)), ' 人');
  const trades = gig.skills.map(context.skillName).filter(Boolean).join('、');
  if (trades) left.append(el('span', 'trades', trades));
  main.append(left);
  if (context.needsCertificate?.(gig)) main.append(el('p', 'certificate', '需持特种作业操作证'));

  const url = context.gigUrl(gig.id);
  const qr = el('figure', 'qr');
  qr.dataset.url = url;
  const image = el('div', 'code');
  image.innerHTML = qrSvg(url); // markup from qrcode-generator, no gig text in it
  qr.append(image, el('figcaption', null, '扫码看详情'));

  card.append(main, speakButton(gig), qr);
  return card;
}
