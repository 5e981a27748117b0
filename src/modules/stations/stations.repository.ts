import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { accounts, kioskTokens, stationOperators, stations, workers } from '../../db/schema/index.js';

export type StationRecord = typeof stations.$inferSelect;
export type KioskTokenRecord = typeof kioskTokens.$inferSelect;
export type NewStation = typeof stations.$inferInsert;
export type NewKioskToken = typeof kioskTokens.$inferInsert;

/** Stations, their operators and their kiosk tokens. */
export function createStationsRepository(db: Database) {
  return {
    async byId(id: string): Promise<StationRecord | undefined> {
      const [row] = await db.select().from(stations).where(eq(stations.id, id));
      return row;
    },

    byIds: async (ids: readonly string[]): Promise<StationRecord[]> =>
      ids.length === 0
        ? []
        : db
            .select()
            .from(stations)
            .where(inArray(stations.id, [...ids])),

    /** Every station, by name. A county has tens of them. */
    all: (): Promise<StationRecord[]> => db.select().from(stations).orderBy(asc(stations.name)),

    async insert(values: NewStation): Promise<StationRecord> {
      const [row] = await db.insert(stations).values(values).returning();
      if (!row) throw new Error('insert into stations returned nothing');
      return row;
    },

    /** The stations an operator is assigned to, by name. */
    async ofOperator(accountId: string): Promise<StationRecord[]> {
      const rows = await db
        .select({ station: stations })
        .from(stationOperators)
        .innerJoin(stations, eq(stations.id, stationOperators.stationId))
        .where(eq(stationOperators.accountId, accountId))
        .orderBy(asc(stations.name));
      return rows.map((r) => r.station);
    },

    async operates(accountId: string, stationId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: stationOperators.stationId })
        .from(stationOperators)
        .where(and(eq(stationOperators.accountId, accountId), eq(stationOperators.stationId, stationId)));
      return row !== undefined;
    },

    async account(id: string) {
      const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
      return row;
    },

    async operatorsOf(stationId: string) {
      const rows = await db
        .select({ account: accounts })
        .from(stationOperators)
        .innerJoin(accounts, eq(accounts.id, stationOperators.accountId))
        .where(eq(stationOperators.stationId, stationId));
      return rows.map((r) => r.account);
    },

    /** Whether the operator was newly assigned (false: they already were). */
    async assignOperator(stationId: string, accountId: string, at: Date, tx: Executor): Promise<boolean> {
      const added = await tx
        .insert(stationOperators)
        .values({ stationId, accountId, assignedAt: at })
        .onConflictDoNothing()
        .returning();
      return added.length > 0;
    },

    /** Whether the worker was registered at a station the operator runs. */
    async registeredWith(
      operatorAccountId: string,
      workerId: string,
      executor: Executor = db,
    ): Promise<boolean> {
      const [row] = await executor
        .select({ id: workers.id })
        .from(workers)
        .innerJoin(stationOperators, eq(stationOperators.stationId, workers.registeredAtStationId))
        .where(and(eq(workers.id, workerId), eq(stationOperators.accountId, operatorAccountId)));
      return row !== undefined;
    },

    tokens: {
      async insert(values: NewKioskToken, tx: Executor): Promise<KioskTokenRecord> {
        const [row] = await tx.insert(kioskTokens).values(values).returning();
        if (!row) throw new Error('insert into kiosk_tokens returned nothing');
        return row;
      },

      async byId(id: string): Promise<KioskTokenRecord | undefined> {
        const [row] = await db.select().from(kioskTokens).where(eq(kioskTokens.id, id));
        return row;
      },

      async byHash(tokenHash: string): Promise<KioskTokenRecord | undefined> {
        const [row] = await db.select().from(kioskTokens).where(eq(kioskTokens.tokenHash, tokenHash));
        return row;
      },

      ofStation: (stationId: string): Promise<KioskTokenRecord[]> =>
        db
          .select()
          .from(kioskTokens)
          .where(eq(kioskTokens.stationId, stationId))
          .orderBy(asc(kioskTokens.createdAt)),

      /** Whether this call revoked it (false: it was revoked already). */
      async revoke(id: string, at: Date, tx: Executor): Promise<boolean> {
        const revoked = await tx
          .update(kioskTokens)
          .set({ revokedAt: at })
          .where(and(eq(kioskTokens.id, id), isNull(kioskTokens.revokedAt)))
          .returning({ id: kioskTokens.id });
        return revoked.length > 0;
      },

      async seen(id: string, at: Date): Promise<void> {
        await db.update(kioskTokens).set({ lastSeenAt: at }).where(eq(kioskTokens.id, id));
      },
    },
  };
}

export type StationsRepository = ReturnType<typeof createStationsRepository>;
