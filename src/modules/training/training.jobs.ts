import type { Job } from '../jobs.js';
import type { OrdersService } from './orders.service.js';

/**
 * Training's timers: the graduates of ordered training (订单培训) join the employer's roster once
 * the order's course is COMPLETED. Each round claims the orders due (`for update skip locked`), so
 * any number of nodes may run it.
 */
export function trainingJobs(orders: Pick<OrdersService, 'sweep'>, settings: { sweepMs: number }): Job[] {
  return [{ name: 'training order graduates', everyMs: settings.sweepMs, run: () => orders.sweep() }];
}
