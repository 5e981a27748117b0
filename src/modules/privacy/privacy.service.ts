import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { AppError, ErrorCode } from '../../errors.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import { verifyPassword } from '../../security/passwords.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { EmployersRepository } from '../employers/employers.repository.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import { PRIVACY_NOTICE_VERSION } from '../workers/workers.service.js';

export const PRIVACY_NOTICE_TEXT = [
  '零工市场个人信息保护告知书',
  '我们收集您的姓名、身份证号、手机号、户籍地与常住地、位置、技能和空闲时间，用于实名登记、匹配零工岗位、推送用工邀约、签订电子合同和保障工资支付。',
  '身份证号加密保存，任何页面只显示部分号码；您的位置和联系方式只有您本人和人社部门管理员可见，用工单位只能看到距离。',
  '您可以随时导出您的全部信息，也可以注销账号；注销后个人信息被删除，但为处理可能的欠薪争议，用工记录和工资记录会保留。',
].join('\n');

/** The person's rights under PIPL (个人信息保护法): see what is held, and have it erased. */
export function createPrivacyService(deps: {
  db: Database;
  repositories: { accounts: AccountsRepository; workers: WorkersRepository; employers: EmployersRepository };
  clock: Clock;
  audit: AuditTrail;
  /** Ends every session of the erased account (sessions.service.ts `endAll`). */
  endSessions: (accountId: string, at: Date, tx: Executor) => Promise<unknown>;
}) {
  const { db, repositories } = deps;

  return {
    notice: () => ({ version: PRIVACY_NOTICE_VERSION, text: PRIVACY_NOTICE_TEXT }),

    /** Everything held about the account, as plain data. The ID number is shown masked, as everywhere. */
    async exportFor(accountId: string) {
      const account = await repositories.accounts.byId(accountId);
      if (!account || account.deletedAt)
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'This account no longer exists.');
      const worker = await repositories.workers.byAccount(accountId);
      const employer = await repositories.employers.byAccount(accountId);
      const { passwordHash: _hash, tokenVersion: _version, ...accountData } = account;
      return {
        exportedAt: deps.clock.now().toISOString(),
        account: accountData,
        worker: worker
          ? {
              ...(({ idNumberHmac: _h, idNumberEncrypted: _e, ...rest }) => rest)(worker),
              skills: await repositories.workers.skillsOf([worker.id]),
              availability: await repositories.workers.availabilityOf([worker.id]),
            }
          : null,
        employer: employer ?? null,
      };
    },

    /**
     * Erases the person: name, numbers, location, skills, sign-in. The rows hires and payments point
     * at stay, anonymised, so a wage dispute can still be settled. Every session ends.
     */
    async deleteAccount(actor: Actor, password: string): Promise<true> {
      const { accountId } = actor;
      const account = await repositories.accounts.byId(accountId);
      if (!account || account.deletedAt)
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'This account no longer exists.');
      if (!(await verifyPassword(account.passwordHash, password))) {
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          'The password is wrong: give your password to confirm.',
          { field: 'password' },
        );
      }
      const worker = await repositories.workers.byAccount(accountId);
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        await repositories.accounts.erase(accountId, now, tx);
        await deps.endSessions(accountId, now, tx);
        if (worker) {
          await repositories.workers.anonymise(worker.id, tx);
          await enqueueOutbox('workers', [worker.id], tx);
        }
        // The record that an erasure was asked for and done stays; it holds nothing erased.
        await deps.audit.record(
          {
            actor,
            action: 'ACCOUNT_ERASED',
            subjectType: 'ACCOUNT',
            subjectId: accountId,
            details: { role: account.role, workerId: worker?.id ?? null },
          },
          tx,
        );
      });
      return true;
    },
  };
}
