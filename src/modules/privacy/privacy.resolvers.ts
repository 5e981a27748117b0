import type { IResolvers } from 'mercurius';
import { readable } from '../../errors.js';
import { render } from '../../i18n/render.js';
import { accountViewer, actorOf } from '../accounts/accounts.resolvers.js';

export const privacyResolvers: IResolvers = {
  Query: {
    privacyNotice: (_root, _args, { services, locale }) => {
      const notice = services.privacy.notice();
      return { ...notice, text: render(notice.text, locale) };
    },
    // Every instant of the export in Asia/Shanghai with its offset, as everywhere else, those kept
    // as text inside stored records (a contract's terms) included.
    exportMyData: async (_root, _args, context) =>
      readable(await context.services.privacy.exportFor(accountViewer(context).accountId), context.locale, {
        utcText: 'convert',
      }),
  },
  Mutation: {
    deleteMyAccount: (_root, { password }, context) =>
      context.services.privacy.deleteAccount(actorOf(context), password),
  },
};
