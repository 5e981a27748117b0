import { badInput } from '../../errors.js';

export const PASSWORD_MIN = 8;

/** A password's length rule, naming the field that broke it. */
export function checkPassword(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN) {
    throw badInput(field, `The password must have at least ${PASSWORD_MIN} characters.`);
  }
  if (password.length > 200) throw badInput(field, 'The password may have at most 200 characters.');
}
