/** The audit log's commands of the bridge (shared/contracts/audit.ts). */
import type { auditContract } from '../../../shared/contracts/audit'
import type { DomainHandlers } from '../dispatcher'
import type { AuditLog } from './audit-log'

export function auditCommands(audit: AuditLog): DomainHandlers<typeof auditContract> {
  return {
    'audit.list': async (filter) => audit.list(filter),
    'audit.export': async (filter) => ({ csv: audit.toCsv(filter), count: audit.list({ ...filter, limit: 1 }).total }),
  }
}
