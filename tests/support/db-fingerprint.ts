import postgres from 'postgres';

export type Fingerprint = Record<string, string>;

/**
 * A cheap fingerprint of every table of a test database: per table, the row count and an md5 of its
 * rows as JSON (sorted, so the physical order does not matter). One statement, some milliseconds
 * on a test database. `exclude` names tables, or `table.column`s, that may change without a write
 * of the caller's (a background worker's bookkeeping).
 */
export async function createFingerprinter(databaseUrl: string, exclude: readonly string[]) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const parts = tables
    .map((t) => t.name)
    .filter((name) => !exclude.includes(name))
    .map((name) => {
      const columns = exclude.filter((e) => e.startsWith(`${name}.`)).map((e) => e.slice(name.length + 1));
      const row = columns.reduce((json, c) => `${json} - ${literal(c)}`, 'to_jsonb(r)');
      return `select ${literal(name)} as name, count(*) || ':' || md5(coalesce(string_agg(j, E'\\n' order by j), '')) as print
        from (select (${row})::text as j from ${quote(name)} r) s`;
    });
  const statement = parts.join('\nunion all\n');
  return {
    async take(): Promise<Fingerprint> {
      const rows = await sql.unsafe<{ name: string; print: string }[]>(statement);
      return Object.fromEntries(rows.map((r) => [r.name, r.print]));
    },
    /** The tables whose prints differ. */
    changed(before: Fingerprint, after: Fingerprint): string[] {
      return Object.keys(before).filter((name) => before[name] !== after[name]);
    },
    close: () => sql.end(),
  };
}
