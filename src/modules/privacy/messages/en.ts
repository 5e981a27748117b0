import type { zhCN } from './zh-CN.js';

/** The `privacy` namespace in English (same keys and placeholders as zh-CN.ts). */
export const en: Record<keyof typeof zhCN, string> = {
  passwordWrong: 'The password is wrong: give your password to confirm.',
  notice: [
    'Lingong market: how we protect your personal information',
    'We collect your name, ID number, mobile number, household and residence regions, location, skills and free time, to register you by real name, match you with gigs, send you offers, sign electronic contracts and make sure wages are paid.',
    'Your ID number is stored encrypted and every page shows only part of it; your location and contact details are seen only by you and the labour bureau’s administrators, and employers see only a distance.',
    'You may export all your information at any time, and close your account; closing it erases your personal information, but the records of your hires and wages are kept for any wage dispute.',
  ].join('\n'),
};
