import type { IResolvers, MercuriusContext } from 'mercurius';
import { AppError, ErrorCode } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { accountViewer, actorOf, answerSession } from './accounts.resolvers.js';
import type { SessionRef } from './sessions.service.js';

/** The session of the signed-in caller's token (every account token names one). */
function callerSession(context: MercuriusContext): SessionRef {
  const viewer = accountViewer(context);
  const { session } = context;
  if (!session || session.accountId !== viewer.accountId)
    throw new AppError(ErrorCode.UNAUTHENTICATED, text('accounts:signInFirst'));
  return { accountId: viewer.accountId, sessionId: session.id };
}

/** Sign-out, password change and an admin's suspension: what ends sessions (sessions.service.ts). */
export const sessionsResolvers: IResolvers = {
  Mutation: {
    signOut: (_root, { allDevices }, context) =>
      context.services.sessions.signOut(callerSession(context), allDevices === true),
    async changePassword(_root, { currentPassword, newPassword }, context) {
      callerSession(context);
      return answerSession(
        context,
        await context.services.sessions.changePassword(actorOf(context), currentPassword, newPassword),
      );
    },
    suspendAccount: (_root, { accountId, reason }, context) =>
      context.services.sessions.suspend(actorOf(context), accountId, reason),
    reinstateAccount: (_root, { accountId }, context) =>
      context.services.sessions.reinstate(actorOf(context), accountId),
  },
};
