// What bench/adapter.ts says to its socket.io nodes (bench/adapter-node.ts) and phones
// (bench/adapter-client.ts), and the payloads the nodes emit.

export type AdapterKind = 'memory' | 'postgres' | 'redis';

export type NodeCommand =
  | { type: 'start'; kind: AdapterKind; databaseUrl?: string; redisUrl?: string }
  | { type: 'servers' }
  | { type: 'statements' }
  | {
      type: 'emit';
      step: number;
      rate: number;
      seconds: number;
      workerRooms: string[];
      stationRooms: string[];
      ackTimeoutMs: number;
    }
  | { type: 'close' };

export type NodeReply =
  | { type: 'started'; url: string }
  | { type: 'servers'; count: number }
  /** Statements this node's adapter has sent PostgreSQL so far. */
  | { type: 'statements'; count: number }
  | {
      type: 'emitted';
      offers: number;
      boards: number;
      seconds: number;
      /** Offers whose ack came back to this node, and the time from emit to that ack. */
      ackMs: number[];
    }
  | { type: 'closed' }
  | { type: 'error'; error: string };

export type ClientCommand =
  | { type: 'clock' }
  | { type: 'connect'; url: string; tokens: string[] }
  | { type: 'collect'; step: number };

export type ClientReply =
  | { type: 'clock'; now: number }
  | { type: 'connected'; connected: number; errors: string[] }
  | { type: 'collected'; latencyMs: number[]; duplicates: number }
  | { type: 'error'; error: string };

/** Stamped on every emitted payload: which step, which event of it, when it left the node. */
export type Stamp = { step: number; seq: number; sentAt: number };
