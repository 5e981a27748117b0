import { badInput } from '../../errors.js';
import { type Text, text } from '../../i18n/text.js';

export const PASSWORD_MIN = 8;
const PASSWORD_MAX = 200;

/** What is wrong with a password, or null when it keeps the length rule. */
export function passwordProblem(password: string): Text | null {
  if (password.length < PASSWORD_MIN) return text('accounts:passwordTooShort', { min: PASSWORD_MIN });
  if (password.length > PASSWORD_MAX) return text('accounts:passwordTooLong');
  return null;
}

/** A password's length rule, naming the field that broke it. */
export function checkPassword(password: string, field = 'password'): void {
  const problem = passwordProblem(password);
  if (problem) throw badInput(field, problem);
}
