import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Encryption at rest for personal numbers (ID numbers). One master secret is stretched by HKDF into
 * an AES-256-GCM key and a separate HMAC key, so the searchable fingerprint (one account per ID
 * number) reveals nothing about the ciphertext's key.
 */
export function createPiiVault(masterSecret: string) {
  const derive = (purpose: string) =>
    Buffer.from(
      hkdfSync('sha256', Buffer.from(masterSecret, 'utf8'), Buffer.alloc(0), `lingong/${purpose}`, 32),
    );
  const encryptionKey = derive('pii-encryption');
  const fingerprintKey = derive('pii-fingerprint');

  return {
    /** `v1.<iv>.<tag>.<ciphertext>`, base64url; a fresh IV each time. */
    encrypt(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    decrypt(sealed: string): string {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined)
        throw new Error('not a sealed value of this vault');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    /** A stable keyed hash: equal inputs match, and without the key it cannot be reversed by guessing. */
    fingerprint(plain: string): string {
      return createHmac('sha256', fingerprintKey).update(plain, 'utf8').digest('hex');
    },
  };
}

export type PiiVault = ReturnType<typeof createPiiVault>;
