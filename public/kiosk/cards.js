// One gig as a card. Every text goes in through textContent: gig fields are employers' input.

import { distanceText, payParts, whenText } from './format.js';

const qrCache = new Map();

/** The QR code of a URL as SVG markup, made in the browser by qrcode-generator. */
function qrSvg(url) {
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

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function tag(text, className = '') {
  return el('span', `tag ${className}`.trim(), text);
}

/**
 * @param gig a board gig (the `board:upsert` shape)
 * @param context { skillName(code), gigUrl(id), fresh }
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

  const url = context.gigUrl(gig.id);
  const qr = el('figure', 'qr');
  qr.dataset.url = url;
  const image = el('div', 'code');
  image.innerHTML = qrSvg(url); // markup from qrcode-generator, no gig text in it
  qr.append(image, el('figcaption', null, '扫码看详情'));

  card.append(main, qr);
  return card;
}
