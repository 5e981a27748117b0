import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, 2 passes): memory-hard, as OWASP recommends. */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the phone is unknown, so a wrong phone takes as long as a wrong password. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => {
  decoy ??= hash('lingong-decoy-password');
  return decoy;
};
