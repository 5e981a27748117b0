import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import { accounts, employers, type Role, refreshTokens, workers } from '../../db/schema/index.js';
import { badInput } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { text } from '../../i18n/text.js';

export type AccountRecord = typeof accounts.$inferSelect;

export function createAccountsRepository(db: Database) {
  return {
    db,
    async insert(
      values: {
        role: Role;
        phone: string | null;
        passwordHash: string | null;
        displayName: string;
        /** Set when the phone was proven with a code sent to it. */
        phoneVerifiedAt?: Date | null;
        /** The language the account chose; null or absent: the device decides. */
        locale?: Locale | null;
      },
      tx: Executor,
    ): Promise<AccountRecord> {
      try {
        const [row] = await tx.insert(accounts).values(values).returning();
        if (!row) throw new Error('insert into accounts returned nothing');
        return row;
      } catch (error) {
        // One place for every kind of account, and safe when two registrations race. Reached only
        // by a caller who proved the phone with a code, or by staff: it tells no stranger who is
        // registered.
        if (uniqueViolation(error) === 'accounts_phone_unique') {
          throw badInput('phone', text('accounts:phoneTaken'));
        }
        throw error;
      }
    },

    async byPhone(phone: string, tx: Executor = db): Promise<AccountRecord | undefined> {
      const [row] = await tx
        .select()
        .from(accounts)
        .where(and(eq(accounts.phone, phone), isNull(accounts.deletedAt)));
      return row;
    },

    async byIds(ids: readonly string[]): Promise<AccountRecord[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(accounts)
        .where(inArray(accounts.id, [...ids]));
    },

    async byId(id: string): Promise<AccountRecord | undefined> {
      const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
      return row;
    },

    /**
     * The worker and employer profile ids of an account, for the token's claims; inside the
     * caller's transaction when it holds one (a read on another connection while holding one would
     * wait for the pool, and enough sign-ins at once would leave nothing to wait for).
     */
    async profileIds(
      accountId: string,
      tx: Executor = db,
    ): Promise<{ workerId: string | null; employerId: string | null }> {
      const [worker] = await tx
        .select({ id: workers.id })
        .from(workers)
        .where(eq(workers.accountId, accountId));
      const [employer] = await tx
        .select({ id: employers.id })
        .from(employers)
        .where(eq(employers.accountId, accountId));
      return { workerId: worker?.id ?? null, employerId: employer?.id ?? null };
    },

    async setPassword(id: string, passwordHash: string, tx: Executor): Promise<void> {
      await tx
        .update(accounts)
        .set({ passwordHash, tokenVersion: sql`${accounts.tokenVersion} + 1` })
        .where(eq(accounts.id, id));
    },

    /** A new number, proven with a code sent to it; refused (naming `field`) when another account has it. */
    async setPhone(id: string, phone: string, at: Date, field: string, tx: Executor): Promise<void> {
      try {
        await tx.update(accounts).set({ phone, phoneVerifiedAt: at }).where(eq(accounts.id, id));
      } catch (error) {
        if (uniqueViolation(error) === 'accounts_phone_unique') {
          throw badInput(field, text('accounts:numberTaken'));
        }
        throw error;
      }
    },

    /** The phone's holder proved it with a code sent to it. */
    async phoneProven(id: string, at: Date, tx: Executor): Promise<void> {
      await tx.update(accounts).set({ phoneVerifiedAt: at }).where(eq(accounts.id, id));
    },

    /** Erases the account's person (PIPL): no phone, no password, no name; its tokens stop working. */
    async erase(id: string, at: Date, tx: Executor): Promise<void> {
      await tx
        .update(accounts)
        .set({
          deletedAt: at,
          phone: null,
          passwordHash: null,
          displayName: '已注销',
          tokenVersion: sql`${accounts.tokenVersion} + 1`,
        })
        .where(eq(accounts.id, id));
    },

    /** The language an account chose, or null to follow the device. */
    async setLocale(id: string, locale: Locale | null, tx: Executor): Promise<void> {
      await tx.update(accounts).set({ locale }).where(eq(accounts.id, id));
    },

    /** The language each of these accounts chose (absent or null: none, the device decides). */
    async chosenLocales(ids: readonly string[], tx: Executor = db): Promise<Map<string, Locale | null>> {
      if (ids.length === 0) return new Map();
      const rows = await tx
        .select({ id: accounts.id, locale: accounts.locale })
        .from(accounts)
        .where(inArray(accounts.id, [...ids]));
      return new Map(rows.map((row) => [row.id, row.locale]));
    },

    async touchLogin(id: string, at: Date): Promise<void> {
      await db.update(accounts).set({ lastLoginAt: at }).where(eq(accounts.id, id));
    },

    async revokeAllRefreshTokens(accountId: string, now: Date, tx: Executor): Promise<void> {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: now })
        .where(and(eq(refreshTokens.accountId, accountId), isNull(refreshTokens.revokedAt)));
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
