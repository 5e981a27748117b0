import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseFontNote, hasChineseFont } from '../src/system-fonts.js';

const hasFcList = spawnSync('fc-list', ['--version']).status === 0;
/** Whether this machine has a Chinese font, as fontconfig says (CI installs fonts-noto-cjk). */
const hasCjk = hasFcList && spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout.trim() !== '';

describe.skipIf(!hasFcList)('the start-up note about Chinese fonts (fc-list)', () => {
  let folder: string;
  /** fontconfig's own configuration with no font folder at all: a machine with no fonts. */
  let noFonts: NodeJS.ProcessEnv;
  /** Only DejaVu (Latin, Greek, Cyrillic): a machine with fonts, none of them Chinese. */
  let latinOnly: NodeJS.ProcessEnv;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'lingong-fonts-'));
    const config = async (name: string, dirs: string[]) => {
      const file = join(folder, name);
      const entries = dirs.map((dir) => `<dir>${dir}</dir>`).join('');
      await writeFile(
        file,
        `<?xml version="1.0"?><fontconfig>${entries}<cachedir>${folder}/cache</cachedir></fontconfig>`,
      );
      return { ...process.env, FONTCONFIG_FILE: file };
    };
    noFonts = await config('none.conf', []);
    latinOnly = await config('latin.conf', ['/usr/share/fonts/truetype/dejavu']);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it.skipIf(!hasCjk)('finds the Chinese font installed here, and says nothing', async () => {
    expect(await hasChineseFont()).toBe(true);
    expect(await chineseFontNote()).toEqual([]);
  });

  it('says what to install when fontconfig knows no Chinese font', async () => {
    for (const env of [noFonts, latinOnly]) {
      expect(await hasChineseFont({ env })).toBe(false);
      // In Chinese by default, its label in the banner's column (字体 is four columns wide).
      const note = (await chineseFontNote({ env })).join('\n');
      expect(note).toMatch(/^ {2}字体 {7}这台机器上没有中文字体/);
      expect(note).toContain('apt-get install fonts-noto-cjk');
      const english = (await chineseFontNote({ env }, 'en')).join('\n');
      expect(english).toMatch(/^ {2}fonts {6}no Chinese font on this machine/);
      expect(english).toMatch(/\n {13}Install one .*apt-get install fonts-noto-cjk/);
    }
  });

  it('says nothing when it cannot tell (no fc-list, or it fails)', async () => {
    expect(await hasChineseFont({ command: join(folder, 'no-such-fc-list') })).toBeNull();
    expect(await chineseFontNote({ command: join(folder, 'no-such-fc-list') })).toEqual([]);
    // `false` exits 1 without a word, as a broken fc-list would.
    expect(await hasChineseFont({ command: 'false' })).toBeNull();
  });
});
