// `npx tsx bench/adapter-emit.ts [--waves 60] [--size 1000]`
// What the cluster adapter adds to each emit of an offer wave, in one process, with no database
// and no sockets: two socket.io servers, one on the in-memory adapter (what the bare floor of
// bench:offers runs) and one on the API's batching PostgreSQL adapter (src/realtime/postgres-
// adapter.ts) over a stand-in pool that answers each NOTIFY at once, each emitting waves of
// `offer`s (the API's payload, with an ack and its timeout) to rooms with no socket in them, so
// that what is timed is socket.io's broadcast and the adapter's work (publishing, JSON, batching),
// not socket writes. Waves alternate between the two; it prints each one's µs per emit (median
// wave) and the adapter's extra, for the emit loop alone (what the last offer of a wave waits
// for) and with the flush after it (the adapter's whole work). On a shared machine read the
// ratios, not the absolute figures.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Server } from 'socket.io';
import { createBatchingAdapter } from '../src/realtime/postgres-adapter.js';

const { values } = parseArgs({
  options: { waves: { type: 'string', default: '60' }, size: { type: 'string', default: '1000' } },
});
const WAVES = Number(values.waves);
const SIZE = Number(values.size);

let notifies = 0;
let notified = 0;
// A pool that never connects: its LISTEN connection never comes (this node hears nothing back,
// as if alone), and each NOTIFY is answered at once.
const pool = Object.assign(new pg.Pool({ max: 1 }), {
  connect: () => new Promise<never>(() => {}),
  query: async (_text: string, params?: unknown[]) => {
    notifies++;
    notified += String(params?.[1] ?? '').length;
    return { rows: [] };
  },
});
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
const bare = new Server();
const clustered = new Server({ adapter: createBatchingAdapter(pool, {}) });

const gig = {
  gigId: '0190f0a2-7e3c-7abc-9def-0123456789ab',
  title: '搬运工 · 仓库装卸（日结）',
  payFen: 25_000,
  payUnit: 'DAY',
  startsAt: '2026-12-07T08:00:00+08:00',
  endsAt: '2026-12-07T17:00:00+08:00',
  address: '山东省济南市历城区工业北路 123 号 物流园 B 区 4 号仓',
};
const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * One wave: SIZE emits in one turn (the loop: when the last offer has left), then the turns the
 * adapter's flush takes (all: its work done too); µs per emit of each.
 */
async function wave(io: Server, n: number): Promise<{ loop: number; all: number }> {
  const began = process.hrtime.bigint();
  for (let i = 0; i < SIZE; i++) {
    io.to(`worker:${n}-${i}`)
      .timeout(2_000)
      .emit(
        'offer',
        {
          ...gig,
          offerId: `0190f0a2-7e3c-7abc-9def-${String(i).padStart(12, '0')}`,
          distanceKm: i / 100,
          expiresAt: '2026-12-07T07:05:00+08:00',
          wave: 1,
          crewId: null,
        },
        () => {},
      );
  }
  const loop = Number(process.hrtime.bigint() - began) / 1_000 / SIZE;
  await turn();
  await turn();
  return { loop, all: Number(process.hrtime.bigint() - began) / 1_000 / SIZE };
}

const times = {
  bare: [] as number[],
  clustered: [] as number[],
  bareLoop: [] as number[],
  loop: [] as number[],
};
for (let n = 0; n < WAVES + 10; n++) {
  const b = await wave(bare, n);
  const c = await wave(clustered, n);
  // The first 10 of each warm the JIT up.
  if (n >= 10) {
    times.bare.push(b.all);
    times.clustered.push(c.all);
    times.bareLoop.push(b.loop);
    times.loop.push(c.loop);
  }
}
const b = median(times.bare);
const c = median(times.clustered);
const bl = median(times.bareLoop);
const cl = median(times.loop);
console.log(`${WAVES} waves of ${SIZE} emits each, alternating, median wave:`);
console.log(
  `  the emit loop (the last offer has left): in-memory ${bl.toFixed(2)} µs per emit, batching ${cl.toFixed(2)} µs (${(cl / bl).toFixed(2)}×)`,
);
console.log(`  in-memory adapter: ${b.toFixed(2)} µs per emit`);
console.log(`  batching PostgreSQL adapter: ${c.toFixed(2)} µs per emit (${(c / b).toFixed(2)}×)`);
console.log(
  `  the adapter's extra: ${(c - b).toFixed(2)} µs per emit, ${(((c - b) * SIZE) / 1_000).toFixed(1)} ms per wave`,
);
console.log(
  `  ${notifies} NOTIFYs, ${Math.round(notified / Math.max(notifies, 1))} characters each on average`,
);
process.exit(0);
