// The table of bench:offers's third wave row, "bare + durable write" (POST /wave-durable of
// bench/bare-server.ts): `bare_offers`, a bench-only copy of the API's `offers` table in the
// bench's own database, with its columns, types, defaults, checks, indexes (the partial unique
// ones the at-most-once rule rests on included) and foreign keys, so a row written there costs
// what an offer row costs the API. Made from the live table rather than written out, so it
// follows the migrations.
import type postgres from 'postgres';

export async function createBareOffersTable(sql: postgres.Sql): Promise<void> {
  await sql.unsafe('drop table if exists bare_offers');
  // INCLUDING ALL: defaults, checks, indexes, storage, comments; foreign keys are not copied.
  await sql.unsafe('create table bare_offers (like offers including all)');
  const keys = await sql<{ name: string; def: string }[]>`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = 'offers'::regclass and contype = 'f' order by conname`;
  for (const key of keys)
    await sql.unsafe(`alter table bare_offers add constraint "bare_${key.name}" ${key.def}`);
}
