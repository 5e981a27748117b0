import { sql } from 'drizzle-orm';
import type { TestApp } from './app.js';

/**
 * A per-day accident policy for every hire-day of every live hire (or of one), written straight to
 * the table: for tests of other rules whose hires would otherwise be refused check-in for want of
 * cover (INSURANCE_REQUIRED). The cover rule itself is tested through the API in
 * tests/modules/insurance/. Days already covered keep their policy.
 */
export async function coverHires(t: TestApp, engagementId?: string): Promise<void> {
  await t.app.db.execute(sql`
    insert into accident_policies (engagement_id, covered_on, provider, insurer, policy_number, payer, issued_at)
    select e.id, d::date, 'test', '测试保险', 'TEST-' || e.id || '-' || to_char(d, 'YYYYMMDD'),
      case when g.public_welfare then 'BUREAU_POOL' else 'EMPLOYER' end, now()
    from engagements e
    join gigs g on g.id = e.gig_id
    cross join lateral generate_series(
      (e.starts_at at time zone 'Asia/Shanghai')::date,
      ((e.ends_at - interval '1 millisecond') at time zone 'Asia/Shanghai')::date,
      interval '1 day') d
    where e.status in ('CONFIRMED', 'CHECKED_IN')
      ${engagementId ? sql`and e.id = ${engagementId}` : sql``}
    on conflict do nothing`);
}
