// The floor of a cached listing on this machine: a bare node:http server that answers every
// request with one kiosk board answer, its headers and bytes as the API sent them, and does
// nothing else (no routing, no token, no cache). bench/load.ts runs the listings against it too.
// `node --import tsx bench/bare-board.ts PORT`, then the answer by IPC: { headers, body (base64) }.
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 0);
process.once('message', (answer: { headers: Record<string, string>; body: string }) => {
  const body = Buffer.from(answer.body, 'base64');
  const server = createServer((_request, response) => {
    response.writeHead(200, answer.headers);
    response.end(body);
  });
  server.listen(port, '127.0.0.1', () => process.send?.('listening'));
  process.on('disconnect', () => server.close(() => process.exit(0)));
});
