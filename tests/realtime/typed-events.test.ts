import { describe, expect, it } from 'vitest';
import type { Notify } from '../../src/realtime/notifier.js';

/**
 * The socket event maps are checked by the compiler (`npm run typecheck` reads this file): each
 * `@ts-expect-error` below fails the typecheck if the mistake under it ever compiles.
 */
function mistakes(notify: Notify) {
  // @ts-expect-error an event nobody declared
  notify('room', 'offer:sent', { offerId: 'x' });
  // @ts-expect-error a status an offer cannot have
  notify('room', 'offer:closed', { offerId: 'x', status: 'LOST' });
  // @ts-expect-error a payload of the wrong shape
  notify('room', 'board:remove', { gigId: 42 });
  notify('room', 'board:remove', { gigId: 'a gig' });
}

describe('typed socket events', () => {
  it('lets a declared event with its payload through, and the mistakes above only with an error', () => {
    const sent: unknown[] = [];
    mistakes((room, event, payload) => sent.push([room, event, payload]));
    expect(sent).toHaveLength(4);
  });
});
