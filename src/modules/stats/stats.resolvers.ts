import type { IResolvers } from 'mercurius';
import { badInput } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { StatsView } from './stats.service.js';

const INT_MAX = 2 ** 31 - 1;

/** Fields every figure type shares: money in fen as GraphQL's 32-bit Int allows, and in yuan. */
const money = {
  wagesPaidFen: (s: StatsView) => {
    if (s.wagesPaidFen > INT_MAX) {
      throw badInput('wagesPaidFen', text('stats:wagesPastInt', { fen: s.wagesPaidFen }));
    }
    return s.wagesPaidFen;
  },
  wagesPaidYuan: (s: StatsView) => s.wagesPaidFen / 100,
};

export const statsResolvers: IResolvers = {
  Query: {
    regionStats: (_root, { regionCode, from, to }, { services }) =>
      services.stats.regionStats(regionCode, from, to),
    regionSeries: (_root, { regionCode, from, to }, { services }) =>
      services.stats.regionSeries(regionCode, from, to),
    regionBreakdown: (_root, { regionCode, from, to }, { services }) =>
      services.stats.regionBreakdown(regionCode, from, to),
    regionStatsByTrade: (_root, { regionCode, from, to }, { services }) =>
      services.stats.regionStatsByTrade(regionCode, from, to),
  },
  RegionStats: money,
  RegionDayStats: money,
  TradeStats: money,
};
