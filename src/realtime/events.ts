/**
 * The socket events of the whole market, as socket.io's typed maps. Each domain adds its own in
 * its `<domain>.events.ts` by augmenting these interfaces (`declare module`), so realtime/ names no
 * module, and an emit with an unknown name or a wrong payload does not compile. The names are the
 * product's contract (../shared/DESIGN.md): `offer` keeps its name although it is not domain:verb.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each domain's declaration merging
export interface ServerToClientEvents {}
// biome-ignore lint/suspicious/noEmptyInterface: filled by each domain's declaration merging
export interface ClientToServerEvents {}

export type ServerEventName = keyof ServerToClientEvents;
/** The payload an event carries (its listener's first argument). */
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];
