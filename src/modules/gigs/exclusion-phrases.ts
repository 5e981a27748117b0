/**
 * Age and gender limits in the text of a gig. A gig on the 零工市场 may not shut workers out by age
 * (people of 45 to 65 are much of the market) or by gender (就业促进法 第二十七条), so the text is
 * checked before a gig is posted and the limiting words are quoted back to the employer.
 *
 * The text is normalised first (NFKC, Chinese numerals, dashes, spaces), then matched against the
 * small table of patterns below; match positions are mapped back, so the quoted phrase is the
 * employer's own text. No dependencies, no I/O.
 */

export type ExclusionPhrase = { kind: 'age' | 'gender'; phrase: string };

/** Building blocks, written into the patterns as {NAME}. */
const PARTS: Record<string, string> = {
  /** A number of one or two digits, not part of a longer number, a decimal or a clock time. */
  N: String.raw`(?<![\d.])(?<!\d:)\d{1,2}(?![\d.])`,
  /** An age from 19 up: a minimum of 16 or 18 is the law on working age, not a limit. */
  A: String.raw`(?<![\d.])(?<!\d:)(?:19|[2-9]\d)(?![\d.])`,
  Y: '周?[岁歲]',
  /** Dashes and tildes are all '-' by now (see normalise). */
  RANGE: '(?:-|至|到)',
  /** 年龄, 年龄要求:, 年龄限制在 … but not the 年龄 of 不限年龄. */
  LABEL: '(?<!不限|无)年龄(?:要求|限制)?:?在?',
  /** A number that is not a count of days, hours, yuan, kilos …: 年龄18-45, not 不限年龄 3-5天. */
  NOT_UNIT: '(?![\\d.:天号日点时元块斤公千米度分月年周人个名次])',
  /** Only these may apply: 限, 仅限, 只要, 只招 … but not 不限. */
  ONLY: '(?<!不)(?:仅限|只限|限|只要|只招|仅招|只收|仅收)',
  /** Asking for someone: ONLY, or 要求, 需要, 招聘 … */
  ASK: '(?:{ONLY}|(?<![不主重])(?:只需|要求|需要?|要|招(?:聘|收)?)):?',
  /** Below or not above a number. */
  CAP: '(?:不超过|不得超过|不能超过|不可超过|不超|不大于|不高于|低于|小于)',
  REFUSE_BEFORE: '(?:不要(?![求担怕])|不招|不收|谢绝|拒绝|不考虑)',
  REFUSE_AFTER: '(?:勿扰|免谈|谢绝|请勿|勿来|不要(?![求担怕])|不招|不收(?![费钱取])|不考虑|不予考虑)',
  /** The ages belong to the people cared for, not the worker: 照顾70-80岁老人, 3-6岁儿童. */
  OTHERS:
    '(?!(?:之间|左右|以[上下内])?的?(?:老人|老年人|长者|小孩|孩子|儿童|小朋友|学生|宝宝|婴儿|幼儿|患者|病人))',
  YOUNG: '(?:年轻(?:力壮|小伙子?|人|的)?|青壮年|青年人?)',
  /**
   * A gender: 男, 女, 男性, 女工, 男的 … A bare 男/女 only when no such ending follows, so 男生宿舍 is
   * not read as 男 + 生宿舍. Never the 女 of 男女, and never 男装, 女厕, 男女均可, 女工也可.
   */
  G: '(?<![男女])[男女](?:同志|[性士工的生子人]|(?![同性士工的生子人])){G_END}',
  G_END: '(?![男女装服厕鞋袜款式宿科]|[均皆都也]可|不限|都行)',
};

function expand(source: string): string {
  return source.replace(/\{([A-Z_]+)\}/g, (_, name: string) => {
    const part = PARTS[name];
    if (part === undefined) throw new Error(`exclusion-phrases: no part named ${name}`);
    return expand(part);
  });
}

type Pattern = { kind: ExclusionPhrase['kind']; name: string; re: RegExp };
const pattern = (kind: Pattern['kind'], name: string, source: string): Pattern => ({
  kind,
  name,
  re: new RegExp(expand(source), 'u'),
});

/** Each catches one way of writing a limit; the comment gives examples. */
const PATTERNS: readonly Pattern[] = [
  // 18-40岁, 18～40周岁, 20至45岁之间 (a range of ages is a limit at both ends)
  pattern('age', 'age-range', '{N}{RANGE}{N}{Y}{OTHERS}(?:之间)?'),
  // 年龄18到45, 年龄:18-45, 年龄在20至45岁之间 (after 年龄 the 岁 may be left out)
  pattern('age', 'labelled-age-range', '{LABEL}{N}{RANGE}{N}(?:{Y})?(?:之间)?{NOT_UNIT}'),
  // 45岁以下, 35周岁以内, 限45岁以下, 年龄要求:30岁以内, 年龄45以下
  pattern(
    'age',
    'age-ceiling',
    '(?:(?:{ONLY}(?:年龄)?|{LABEL})?{A}{Y}(?:以下|以内|之内|之下|内)|{LABEL}{A}(?:以下|以内){NOT_UNIT}){OTHERS}',
  ),
  // 限45岁以上, 只招30岁 (only some ages, whichever side)
  pattern('age', 'age-only', '{ONLY}(?:年龄)?{A}{Y}(?:及?以上)?{OTHERS}'),
  // 年龄不超过50, 不超过50周岁, 年龄低于45岁
  pattern('age', 'age-cap', '{LABEL}{CAP}{A}(?:{Y}|{NOT_UNIT})|{CAP}{A}{Y}'),
  // 45岁以上勿扰, 50岁以上不要, 超过45岁的不要
  pattern('age', 'age-refused', '(?:超过|大于|高于)?{A}{Y}(?:及?以上)?的?人?{REFUSE_AFTER}'),
  // 不招50岁以上, 谢绝超过45岁
  pattern('age', 'age-refused-first', '{REFUSE_BEFORE}(?:年龄)?(?:超过|大于|高于)?{A}{Y}(?:及?以上)?'),
  // 年龄限制, 有年龄限制 (but not 无年龄限制, 年龄限制:无)
  pattern('age', 'age-limit-word', '(?<!无|没有|不设|没)年龄限制(?!:?(?:无|不限|没有))'),
  // 限年轻人, 只要年轻人, 招青壮年
  pattern('age', 'youth-only', '{ASK}{YOUNG}'),
  // 年轻力壮者优先, 年轻人优先, 青年优先 (a preference is a limit)
  pattern('age', 'youth-preferred', '{YOUNG}[的者]?优先'),
  // 限男性, 限女, 仅招女工, 只要男的, 要求男性, 招男工, 性别:男
  pattern('gender', 'gender-only', '(?:{ASK}|性别(?:要求|限制)?:?){G}'),
  // 不要女的, 不招女性, 女性勿扰, 男的不要
  pattern('gender', 'gender-refused', '{REFUSE_BEFORE}{G}|{G}{REFUSE_AFTER}'),
  // 男性优先, 女性优先, 以男性为主
  pattern('gender', 'gender-preferred', '{G}者?(?:优先|为主)'),
  // 男工, 女工3名, 男士 (not 男女工, 妇女工作, nor the 女士 of 王女士)
  pattern('gender', 'gender-worker', '(?:(?<![男女妇])[男女]工|(?<!\\p{Script=Han})[男女]士){G_END}'),
  // 男3人, 女性2名 (a head count by gender)
  pattern('gender', 'gender-count', '{G}\\d{1,3}(?:名|人|位|个)'),
];

const CN_DIGITS = '一二三四五六七八九';
const CN_NUMBER = /([二三四五六七八九]?)十([一二三四五六七八九]?)/y;
const DASHES = /[‐‑‒–—―−~〜]/gu;

/**
 * The text as the patterns see it, with, for each UTF-16 unit of it, where in the original text the
 * character it came from starts (from) and ends (to).
 */
function normalise(text: string): { norm: string; from: number[]; to: number[] } {
  let norm = '';
  const from: number[] = [];
  const to: number[] = [];
  const push = (s: string, start: number, end: number) => {
    norm += s;
    for (let k = 0; k < s.length; k++) {
      from.push(start);
      to.push(end);
    }
  };
  for (let i = 0; i < text.length; ) {
    // 十 to 九十九 as digits: 四十五岁 is 45岁.
    CN_NUMBER.lastIndex = i;
    const cn = CN_NUMBER.exec(text);
    if (cn) {
      const tens = cn[1] ? CN_DIGITS.indexOf(cn[1]) + 1 : 1;
      const units = cn[2] ? CN_DIGITS.indexOf(cn[2]) + 1 : 0;
      push(String(tens * 10 + units), i, i + cn[0].length);
      i += cn[0].length;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    const end = i + char.length;
    // NFKC: full-width digits, letters and punctuation become ASCII (４５ is 45, ～ is ~, ： is :).
    const plain = char.normalize('NFKC');
    if (/^\s+$/u.test(plain)) {
      // Spaces are left out (45 岁 is 45岁), but one stays between digits so 200 18 is not 20018,
      // and a line break stays: it ends a clause as a comma does.
      let j = end;
      while (j < text.length && /\s/u.test((text[j] ?? '').normalize('NFKC'))) j++;
      const gap = text.slice(i, j);
      if (/[\n\r\u2028\u2029]/u.test(gap)) push('\n', i, j);
      else if (/\d$/.test(norm) && /^\d/.test((text[j] ?? '').normalize('NFKC'))) push(' ', i, j);
      i = j;
      continue;
    }
    push(plain.replace(DASHES, '-'), i, end);
    i = end;
  }
  return { norm, from, to };
}

/** The first phrase in the text that limits who may apply by age or gender, or null. */
export function findExclusionPhrase(text: string): ExclusionPhrase | null {
  const { norm, from, to } = normalise(text);
  let best: { kind: ExclusionPhrase['kind']; start: number; end: number } | null = null;
  for (const { kind, re } of PATTERNS) {
    const match = re.exec(norm);
    if (!match || match[0].length === 0) continue;
    const start = match.index;
    const end = start + match[0].length;
    // The first in the text wins; of two starting at the same place, the longer says more.
    if (!best || start < best.start || (start === best.start && end > best.end)) best = { kind, start, end };
  }
  if (!best) return null;
  return { kind: best.kind, phrase: text.slice(from[best.start], to[best.end - 1]) };
}
