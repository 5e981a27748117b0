import { AppError, ErrorCode } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { parseMobile } from '../registry/phone.js';
import { passwordProblem } from './passwords.js';
import { codeShapeProblem, type PhoneCodeProof, type PhoneCodes } from './phone-codes.js';

/** Where a check puts what is wrong (createProblems in src/errors.ts). */
type Problems = { add(field: string, message: AppError['text']): void; readonly count: number };

/**
 * The sign-in details of a registration (worker, employer, or a walk-in an operator types in),
 * checked into the registration's own problems so one answer lists them with every other field's:
 * the phone's form (when given, or when required) and the password's rule (when given, or when
 * required). The phone comes back normalised, or null when it is absent or wrong.
 */
export function checkSignInDetails(
  problems: Problems,
  input: {
    phone: string | null | undefined;
    password: string | null | undefined;
    phoneRequired: boolean;
    passwordRequired: boolean;
    /** The fields the problems name (phone and password unless said). */
    fields?: { phone?: string; password?: string };
  },
): { phone: string | null } {
  const phoneField = input.fields?.phone ?? 'phone';
  const passwordField = input.fields?.password ?? 'password';
  let phone: string | null = null;
  if (input.phone) {
    const parsed = parseMobile(input.phone);
    if (parsed.ok) phone = parsed.value;
    else problems.add(phoneField, parsed.reason);
  } else if (input.phoneRequired) {
    problems.add(phoneField, text('accounts:phoneNeeded'));
  }
  if (input.passwordRequired || input.password) {
    const problem = passwordProblem(input.password ?? '');
    if (problem) problems.add(passwordField, problem);
  }
  return { phone };
}

/**
 * The REGISTER code of a registration, checked with the rest of it: its form always, and against
 * the number's newest code when the number is right (a wrong code counts against that code, as
 * anywhere). A right code is not spent here: only the registration that succeeds spends it. When
 * the code is the only problem its refusal goes out as it is (with `triesLeft`).
 */
export async function checkRegistrationCode(
  codes: Pick<PhoneCodes, 'check'>,
  problems: Problems,
  phone: string | null,
  code: string | null | undefined,
): Promise<PhoneCodeProof | null> {
  const field = 'phoneCode';
  const shape = codeShapeProblem(code, 'REGISTER');
  if (shape) {
    problems.add(field, shape);
    return null;
  }
  if (!phone) return null;
  try {
    return await codes.check(phone, 'REGISTER', code, { field });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== ErrorCode.BAD_USER_INPUT || problems.count === 0)
      throw error;
    problems.add(field, error.text);
    return null;
  }
}
