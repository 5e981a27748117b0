// Fastify's own hello-world (the server of fastify's benchmarks), the yardstick bench/load.ts
// measures the API against on the same machine in the same run. `node --import tsx bench/hello-world.ts PORT`
import Fastify from 'fastify';

const fastify = Fastify({ logger: false });
fastify.get('/', async () => ({ hello: 'world' }));
await fastify.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
process.send?.('listening');
process.on('disconnect', () => void fastify.close().then(() => process.exit(0)));
