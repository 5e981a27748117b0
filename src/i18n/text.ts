import type { MessageKey } from './catalogue.js';

/** A value a message may hold: text, a number (counts, money), or an instant (shown in Asia/Shanghai). */
export type MessageValue = string | number | Date | Text;
export type MessageParams = Readonly<Record<string, MessageValue>>;

/**
 * A message not yet put into words: its catalogue key and values. It is rendered in the reader's
 * language where the answer is made (the GraphQL error formatter, a socket's ack, an SMS), so
 * the code that refuses never needs to know who reads the refusal.
 */
export class Text {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {}
}

/** A message by its catalogue key, e.g. `text('common:notFound', { what, id })`. */
export const text = (key: MessageKey, params: MessageParams = {}) => new Text(key, params);

export const isText = (value: unknown): value is Text => value instanceof Text;
