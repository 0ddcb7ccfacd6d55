import type { AuditEntry, AuditFilter, AuditPage } from '../../../shared/domain'
import type { Db } from '../store/database'
import { toCsv } from '../../../shared/csv'

export type NewAuditEntry = Omit<AuditEntry, 'id'>

interface Row {
  id: number
  time_ms: number
  profile_id: string
  profile_name: string
  account: string
  action: string
  device_name: string
  params_json: string
  request_id: string
  outcome: 'ok' | 'error'
  error_code: string
  error_message: string
}

const toEntry = (row: Row): AuditEntry => ({
  id: row.id,
  timeMs: row.time_ms,
  profileId: row.profile_id,
  profileName: row.profile_name,
  account: row.account,
  action: row.action,
  deviceName: row.device_name,
  params: row.params_json,
  requestId: row.request_id,
  outcome: row.outcome,
  errorCode: row.error_code,
  errorMessage: row.error_message,
})

/** Every change made through the app, with its RequestId: what support quotes to the cloud team. */
export class AuditLog {
  private readonly insert

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO audit_log (time_ms, profile_id, profile_name, account, action, device_name, params_json, request_id, outcome, error_code, error_message)
       VALUES (@timeMs, @profileId, @profileName, @account, @action, @deviceName, @params, @requestId, @outcome, @errorCode, @errorMessage)`,
    )
  }

  /** `entry.params` must already be redacted. */
  record(entry: Omit<NewAuditEntry, 'deviceName'> & { deviceName?: string }): number {
    return Number(this.insert.run({ deviceName: '', ...entry }).lastInsertRowid)
  }

  list(filter: AuditFilter = {}): AuditPage {
    const { where, values } = whereClause(filter)
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${where}`).get(values) as { n: number }).n
    const rows = this.db
      .prepare(`SELECT * FROM audit_log ${where} ORDER BY time_ms DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...values, limit: filter.limit ?? 100, offset: filter.offset ?? 0 }) as Row[]
    return { total, entries: rows.map(toEntry) }
  }

  /** Every matching entry, newest first, as CSV (shared/csv.ts: quoting and formula escaping). */
  toCsv(filter: AuditFilter = {}): string {
    const { where, values } = whereClause(filter)
    const rows = this.db.prepare(`SELECT * FROM audit_log ${where} ORDER BY time_ms DESC, id DESC`).all(values) as Row[]
    return toCsv(CSV_HEADER, rows.map((row) => csvRow(toEntry(row))))
  }
}

const CSV_HEADER = ['time', 'profile', 'account', 'action', 'device', 'outcome', 'request_id', 'error_code', 'error_message', 'params']

function csvRow(e: AuditEntry): string[] {
  return [new Date(e.timeMs).toISOString(), e.profileName, e.account, e.action, e.deviceName, e.outcome, e.requestId, e.errorCode, e.errorMessage, e.params]
}

function whereClause(filter: AuditFilter): { where: string; values: Record<string, unknown> } {
  const clauses: string[] = []
  const values: Record<string, unknown> = {}
  if (filter.fromMs !== undefined) {
    clauses.push('time_ms >= @fromMs')
    values.fromMs = filter.fromMs
  }
  if (filter.toMs !== undefined) {
    clauses.push('time_ms < @toMs')
    values.toMs = filter.toMs
  }
  if (filter.action) {
    clauses.push('action = @action')
    values.action = filter.action
  }
  if (filter.outcome) {
    clauses.push('outcome = @outcome')
    values.outcome = filter.outcome
  }
  if (filter.text) {
    // LIKE ignores case (ASCII); the text is one substring searched in every column people quote.
    const columns = ['action', 'device_name', 'params_json', 'request_id', 'account']
    clauses.push(`(${columns.map((c) => `${c} LIKE @text ESCAPE '\\'`).join(' OR ')})`)
    values.text = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', values }
}
