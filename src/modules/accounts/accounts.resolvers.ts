import type { IResolvers, MercuriusContext } from 'mercurius';
import { AppError, ErrorCode } from '../../errors.js';
import type { Locale as GraphQLLocale } from '../../graphql/generated.js';
import type { Locale } from '../../i18n/locale.js';
import { render } from '../../i18n/render.js';
import { text } from '../../i18n/text.js';
import { notePrivateRead } from '../audit/private-reads.js';
import type { Session } from './accounts.service.js';
import type { AccountViewer, Actor } from './viewer.js';

/** The signed-in account calling; the @auth directive has already refused anyone else. */
export function accountViewer(context: MercuriusContext): AccountViewer {
  const { viewer } = context;
  if (viewer?.kind !== 'account') throw new AppError(ErrorCode.UNAUTHENTICATED, text('accounts:signInFirst'));
  return viewer;
}

/** The signed-in account calling and where the request came from, for services that keep an audit trail. */
export function actorOf(context: MercuriusContext): Actor {
  return { ...accountViewer(context), origin: context.origin };
}

/** Lets the answer to a sign-in or registration show the new session's own account. */
export function answerSession(context: MercuriusContext, session: Session): Session {
  context.sessionAccountIds.add(session.account.id);
  return session;
}

/** The schema's `Locale` and the catalogue's language tags. */
const LOCALE_OF: Record<GraphQLLocale, Locale> = { ZH_CN: 'zh-CN', EN: 'en' };
const GRAPHQL_LOCALE: Record<Locale, GraphQLLocale> = { 'zh-CN': 'ZH_CN', en: 'EN' };

/** A `Locale` argument as a language tag (null or absent: none chosen). */
export function localeFromGraphQL(locale: GraphQLLocale | null | undefined): Locale | null {
  return locale ? LOCALE_OF[locale] : null;
}

export const accountsResolvers: IResolvers = {
  Query: {
    me: (_root, _args, context) => context.services.accounts.accountOf(accountViewer(context)),
  },
  Mutation: {
    async login(_root, { phone, password }, context) {
      return answerSession(context, await context.services.accounts.login(phone, password, context.origin));
    },
    async requestPhoneCode(_root, { phone, purpose }, context) {
      const { viewer } = context;
      const sent = await context.services.phones.requestCode({
        phone,
        purpose,
        ip: context.origin.ip,
        accountId: viewer?.kind === 'account' ? viewer.accountId : null,
      });
      return { ...sent, message: render(sent.message, context.locale) };
    },
    async resetPassword(_root, { phone, code, newPassword }, context) {
      return answerSession(
        context,
        await context.services.phones.resetPassword({ phone, code, newPassword }, context.origin),
      );
    },
    async unlockSignIn(_root, { phone, code }, context) {
      return answerSession(
        context,
        await context.services.phones.unlockSignIn({ phone, code }, context.origin),
      );
    },
    changePhone: (_root, { newPhone, code }, context) =>
      context.services.phones.changePhone(actorOf(context), { newPhone, code }),
    async refreshSession(_root, { refreshToken }, context) {
      return answerSession(context, await context.services.accounts.refresh(refreshToken));
    },
    async setMyLocale(_root, { locale }, context) {
      const chosen = localeFromGraphQL(locale);
      const account = await context.services.accounts.setLocale(actorOf(context), chosen);
      // This answer already speaks it; the caller's next token carries it (refreshSession).
      if (chosen) context.locale = chosen;
      return account;
    },
    createStaffAccount: (_root, { input }, context) =>
      // A role other than STATION_OPERATOR or ADMIN is one of the problems the service lists.
      context.services.accounts.createStaffAccount(actorOf(context), input),
  },
  Account: {
    phone: (account, _args, context) => {
      // A worker's phone is private: an admin reading it is audited (other accounts' are staff or firms).
      if (account.role === 'WORKER') notePrivateRead(context, { accountId: account.id }, 'phone');
      return account.phone ?? '';
    },
    locale: (account: { locale: Locale | null }) => (account.locale ? GRAPHQL_LOCALE[account.locale] : null),
  },
};
