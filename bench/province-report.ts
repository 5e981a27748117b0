// bench:province's report: the rows (figure, county, province, goal) and how they are printed.
import type { Phases } from './province-build.js';
import type { matchingStatement } from './province-measure.js';
import { stats } from './report.js';

export type Row = {
  figure: string;
  county: number;
  province: number;
  goal: string;
  pass: boolean | null;
  unit: string;
};

/** The rows, and the two ways one is added: against the goal (≤ limit × county), or for the record. */
export function reportRows() {
  const rows: Row[] = [];
  const ratioRow = (figure: string, unit: string, c: number, p: number, limit = 1.5) =>
    rows.push({ figure, unit, county: c, province: p, goal: `≤ ${limit}× county`, pass: p <= limit * c });
  const infoRow = (figure: string, unit: string, c: number, p: number) =>
    rows.push({ figure, unit, county: c, province: p, goal: '—', pass: null });
  return { rows, ratioRow, infoRow };
}

type Explained = { plan: string; indexes: string[]; seqScans: string[] };

/** The table, the phases, and each market's matching plans (the candidate id arrays elided). */
export function printReport(report: {
  raw: Record<string, unknown>;
  rows: Row[];
  phases: Phases;
  total: number;
  facts: { county: unknown; province: unknown };
}) {
  const { raw, rows, phases, total, facts } = report;
  const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  console.log(`\nbench:province, ${raw.version}: county ${JSON.stringify(facts.county)}`);
  console.log(`province ${JSON.stringify(facts.province)}`);
  console.log(`peak hour: ${JSON.stringify(raw.load)}`);
  console.log(`check-ins and check-outs, quiet: ${JSON.stringify(raw.work)}\n`);
  console.log('| figure | unit | county | province | ratio | goal | result |\n|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const ratio = r.county > 0 ? `${(r.province / r.county).toFixed(2)}×` : '—';
    console.log(
      `| ${r.figure} | ${r.unit} | ${fmt(r.county)} | ${fmt(r.province)} | ${ratio} | ${r.goal} | ${r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL'} |`,
    );
  }
  console.log('\nPhases:');
  for (const [name, seconds] of phases) console.log(`  ${name}: ${seconds.toFixed(1)} s`);
  console.log(`  total: ${total.toFixed(0)} s (${(total / 60).toFixed(1)} min)`);
  for (const m of (raw.matching ?? []) as { market: string; firstWave: Explained; nextWave: Explained }[]) {
    for (const [what, e] of [
      ["a new gig's first wave", m.firstWave],
      ["the posted gig's next wave", m.nextWave],
    ] as const) {
      console.log(
        `\nMatching statement plan, ${m.market}, ${what} (indexes: ${e.indexes.join(', ')}; seq scans: ${e.seqScans.join(', ') || 'none'}):\n${e.plan.replace(/'\{[0-9a-f,-]{200,}\}'/g, "'{…}'")}`,
      );
    }
  }
}

type AddRow = (figure: string, unit: string, c: number, p: number) => void;

/**
 * The matching statement's rows: the first wave of a new gig with the same nearest candidates in
 * both markets against the goal (the same work: what differs is the market), the posted gig's next
 * wave (every candidate Meilisearch found, which is not the same number in both) for the record.
 */
export function matchingRows(
  matching: Awaited<ReturnType<typeof matchingStatement>>[],
  ratioRow: AddRow,
  infoRow: AddRow,
) {
  const [cm, pm] = matching;
  if (!cm || !pm) return;
  const [cFirst, pFirst] = [cm, pm].map((m) => stats(m.firstWave.times));
  const [cNext, pNext] = [cm, pm].map((m) => stats(m.nextWave.times));
  const first = `matching statement, a new gig's first wave, the ${cm.firstWave.candidates} nearest candidates in both`;
  ratioRow(`${first}: p99`, 'ms', cFirst?.p99 ?? 0, pFirst?.p99 ?? 0);
  ratioRow(`${first}: p50`, 'ms', cFirst?.p50 ?? 0, pFirst?.p50 ?? 0);
  infoRow(
    `matching statement, first wave: buffers (${cm.firstWave.eligible} / ${pm.firstWave.eligible} eligible)`,
    'pages',
    cm.firstWave.buffers,
    pm.firstWave.buffers,
  );
  const next = `${cm.nextWave.candidates} / ${pm.nextWave.candidates} candidates, ${cm.nextWave.offered} / ${pm.nextWave.offered} offered already`;
  infoRow(
    `matching statement, the posted gig's next wave (${next}): p99`,
    'ms',
    cNext?.p99 ?? 0,
    pNext?.p99 ?? 0,
  );
  infoRow("matching statement, the posted gig's next wave: p50", 'ms', cNext?.p50 ?? 0, pNext?.p50 ?? 0);
  infoRow(
    `matching statement, next wave: buffers (${cm.nextWave.eligible} / ${pm.nextWave.eligible} eligible)`,
    'pages',
    cm.nextWave.buffers,
    pm.nextWave.buffers,
  );
}
