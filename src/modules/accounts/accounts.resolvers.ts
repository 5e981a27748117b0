import type { IResolvers, MercuriusContext } from 'mercurius';
import { AppError, ErrorCode } from '../../errors.js';
import { notePrivateRead } from '../audit/private-reads.js';
import type { Session } from './accounts.service.js';
import type { AccountViewer, Actor } from './viewer.js';

/** The signed-in account calling; the @auth directive has already refused anyone else. */
export function accountViewer(context: MercuriusContext): AccountViewer {
  const { viewer } = context;
  if (viewer?.kind !== 'account') throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
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
      return context.services.phones.requestCode({
        phone,
        purpose,
        ip: context.origin.ip,
        accountId: viewer?.kind === 'account' ? viewer.accountId : null,
      });
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
    createStaffAccount: (_root, { input }, context) =>
      context.services.accounts.createStaffAccount(actorOf(context), {
        ...input,
        role:
          input.role === 'ADMIN'
            ? 'ADMIN'
            : input.role === 'STATION_OPERATOR'
              ? 'STATION_OPERATOR'
              : invalidStaffRole(),
      }),
  },
  Account: {
    phone: (account, _args, context) => {
      // A worker's phone is private: an admin reading it is audited (other accounts' are staff or firms).
      if (account.role === 'WORKER') notePrivateRead(context, { accountId: account.id }, 'phone');
      return account.phone ?? '';
    },
  },
};

function invalidStaffRole(): never {
  throw new AppError(
    ErrorCode.BAD_USER_INPUT,
    'Staff accounts are STATION_OPERATOR or ADMIN; workers and employers register themselves.',
    {
      field: 'input.role',
    },
  );
}
