import { PostgresAdapter, type PostgresAdapterOptions } from '@socket.io/postgres-adapter';
import { hasBinary, PubSubClient } from '@socket.io/postgres-adapter/dist/util.js';
import type pg from 'pg';
import {
  Adapter,
  type BroadcastOptions,
  type ClusterAdapterOptions,
  type ClusterMessage,
  type ClusterResponse,
  MessageType,
} from 'socket.io-adapter';

/** Our own message type, beside socket.io-adapter's (1–13): several messages in one NOTIFY. */
const BATCH = 100;

type Published = ClusterMessage | ClusterResponse;
type AckWaiter = { clientCountCallback: (clientCount: number) => void; ack: (...args: unknown[]) => void };
type Batch = { uid: string; nsp: string; type: typeof BATCH; data: { messages: Published[] } };

const isBatch = (message: unknown): message is Batch => (message as { type?: unknown }).type === BATCH;

/**
 * `@socket.io/postgres-adapter` publishing in batches. The stock adapter sends one `NOTIFY` per
 * emit (and its own node hears each back), so a wave of 1,000 offers queued 1,000 queries on the
 * adapter's two connections and cost more CPU than the wave's SQL; and an emit without an ack was
 * delivered even to this node's own sockets only after its NOTIFY had gone round.
 *
 * Here an emit reaches this node's sockets at once, and what the other nodes must hear is
 * collected for one turn of the event loop and published in as few NOTIFYs as fit PostgreSQL's
 * 8000 bytes each (only a single message over that goes through the attachments table, as before:
 * an INSERT, and a SELECT by every other node, measured by bench:adapter as its stalls). Receiving nodes unpack it and handle each
 * message as the stock adapter would, acks included; their answers are batched the same way.
 * A node running the stock adapter ignores a batch (an unknown type), so every node of a
 * deployment runs this one.
 */
class BatchingPostgresAdapter extends PostgresAdapter {
  private outbox: Published[] = [];
  /** Statements sent and not yet answered: while any is, what comes waits and goes with the next. */
  private inFlight = 0;
  private readonly ackWaiters = new Map<string, AckWaiter>();
  private ackRequestsSent = 0;

  get ownUid(): string {
    return this.uid;
  }

  constructor(
    nsp: unknown,
    opts: ClusterAdapterOptions,
    private readonly pubsub: PubSubClient,
    private readonly sizes: {
      pool: pg.Pool;
      channelPrefix: string;
      payloadThreshold: number;
      errorHandler: (error: Error) => void;
    },
  ) {
    super(nsp, opts, pubsub);
  }

  protected override doPublish(message: ClusterMessage): Promise<string> {
    this.enqueue(message);
    // Nothing uses the offset (no connection state recovery), so nobody need wait for the flush.
    return Promise.resolve('');
  }

  protected override doPublishResponse(_requesterUid: string, response: ClusterResponse): Promise<void> {
    this.enqueue(response);
    return Promise.resolve();
  }

  /**
   * The stock cluster adapter's emit with acks, but with a request id from a counter under this
   * node's uid: the stock one draws 8 random bytes per emit, an eighth of the CPU of a wave.
   */
  override broadcastWithAck(
    packet: unknown,
    opts: BroadcastOptions,
    clientCountCallback: (clientCount: number) => void,
    ack: (...args: unknown[]) => void,
  ): void {
    if (!opts.flags?.local) {
      const requestId = `${this.uid}.${++this.ackRequestsSent}`;
      this.ackWaiters.set(requestId, { clientCountCallback, ack });
      this.publish({
        type: MessageType.BROADCAST,
        data: {
          // A copy: the local send below numbers the packet, and the batch is serialized later.
          packet: { ...(packet as object) },
          requestId,
          opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags ?? {} },
        },
      });
      // As the stock adapter: no way to know when every node's clients have answered.
      setTimeout(() => this.ackWaiters.delete(requestId), opts.flags?.timeout);
    }
    // This node's own sockets, as the in-memory adapter sends them (the stock class's parent).
    Adapter.prototype.broadcastWithAck.call(this, packet, opts, clientCountCallback, ack);
  }

  override onResponse(response: ClusterResponse): void {
    const waiter =
      response.type === MessageType.BROADCAST_CLIENT_COUNT || response.type === MessageType.BROADCAST_ACK
        ? this.ackWaiters.get(response.data.requestId)
        : undefined;
    if (!waiter) super.onResponse(response);
    else if (response.type === MessageType.BROADCAST_CLIENT_COUNT)
      waiter.clientCountCallback(response.data.clientCount);
    else if (response.type === MessageType.BROADCAST_ACK) waiter.ack(response.data.packet);
  }

  /** The goodbye to the other nodes goes now: the pool may end right after. */
  override close(): void {
    super.close();
    this.flush(true);
  }

  override onMessage(message: ClusterMessage, offset?: string): void {
    const received: unknown = message;
    if (!isBatch(received)) {
      super.onMessage(message, offset);
      return;
    }
    for (const inner of received.data.messages) super.onMessage(inner as ClusterMessage, offset);
  }

  private enqueue(message: Published): void {
    if (this.outbox.length === 0) setImmediate(() => this.flush());
    this.outbox.push(message);
  }

  /**
   * Sends what waits, unless statements are still on their way (`now` for the goodbye): all go
   * through one connection, one round trip each, so sending a NOTIFY per turn of the loop capped
   * a node at one batch per round trip however long the queue behind it grew (bench:adapter saw
   * seconds of delay at 1,000 events/s on a busy machine). Held back while one is answered, the
   * next batch takes everything that came meanwhile: the batch grows with the load instead.
   */
  private flush(now = false): void {
    if (this.inFlight > 0 && !now) return;
    const messages = this.outbox;
    this.outbox = [];
    // Binary payloads go alone: the attachment path keeps them binary only for the stock types.
    for (const m of messages) if (hasBinary(m)) this.track(this.pubsub.publish(m));
    // The rest in NOTIFYs each under PostgreSQL's 8000 bytes: a wave's hundreds of offers in a
    // few of them, rather than one row in the attachments table that every node must read back.
    // Each is a statement of its own, all sent at once (they queue on the connection, in order).
    const head = `{"uid":${JSON.stringify(this.uid)},"nsp":${JSON.stringify(this.nsp.name)},"type":${BATCH},"data":{"messages":[`;
    const tail = ']}}';
    const room = this.sizes.payloadThreshold - head.length - tail.length;
    const payloads: string[] = [];
    let chunk: string[] = [];
    let bytes = 0;
    const close = () => {
      if (chunk.length > 0) payloads.push(`${head}${chunk.join(',')}${tail}`);
      chunk = [];
      bytes = 0;
    };
    for (const m of messages) {
      if (hasBinary(m)) continue;
      const json = JSON.stringify(m);
      const size = Buffer.byteLength(json) + 1;
      // One message too big for a NOTIFY of its own: the stock path, through the attachments table.
      if (size > room) {
        this.track(this.pubsub.publish(m));
        continue;
      }
      if (bytes + size > room) close();
      chunk.push(json);
      bytes += size;
    }
    close();
    for (const payload of payloads) this.notify(payload);
  }

  /** One NOTIFY on the namespace's channel, as the stock client sends it. */
  private notify(payload: string): void {
    this.track(
      this.sizes.pool
        .query('SELECT pg_notify($1, $2)', [`${this.sizes.channelPrefix}#${this.nsp.name}`, payload])
        .then(
          () => {},
          (error: Error) => this.sizes.errorHandler(error),
        ),
    );
  }

  /** Counts a statement until it is answered (it never rejects); then what waited goes. */
  private track(sent: Promise<unknown>): void {
    this.inFlight++;
    void sent.finally(() => {
      this.inFlight--;
      if (this.inFlight === 0 && this.outbox.length > 0) this.flush();
    });
  }
}

/**
 * The stock `createAdapter`, building the batching adapter: one pub/sub client (one LISTEN
 * connection) for every namespace, as the stock factory does.
 */
export function createBatchingAdapter(pool: pg.Pool, opts: PostgresAdapterOptions & ClusterAdapterOptions) {
  const options: Required<PostgresAdapterOptions> = {
    channelPrefix: 'socket.io',
    tableName: 'socket_io_attachments',
    payloadThreshold: 8000,
    cleanupInterval: 30_000,
    errorHandler: () => {},
    ...opts,
  };
  const namespaces = new Map<string, BatchingPostgresAdapter>();
  const client = new PubSubClient(
    pool,
    options,
    // By uid alone: the header of a message sent through the attachments table names no
    // namespace, and the stock check fetched and decoded each of this node's own big messages.
    (msg) => [...namespaces.values()].some((adapter) => adapter.ownUid === msg.uid),
    (msg) => namespaces.get(msg.nsp)?.onMessage(msg),
  );
  // socket.io calls it with `new`, so a function, not an arrow.
  return function adapterOf(nsp: { name: string }) {
    const adapter = new BatchingPostgresAdapter(nsp, opts, client, { pool, ...options });
    namespaces.set(nsp.name, adapter);
    client.addNamespace(nsp.name);
    const close = adapter.close.bind(adapter);
    adapter.close = () => {
      namespaces.delete(nsp.name);
      if (namespaces.size === 0) client.close();
      return close();
    };
    return adapter;
  };
}
