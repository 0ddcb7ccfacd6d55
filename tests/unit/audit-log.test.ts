import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../electron/core/api/api-error'
import { recordChanges } from '../../electron/core/audit/change-recorder'
import { AuditLog } from '../../electron/core/audit/audit-log'
import { openDatabase } from '../../electron/core/store/database'

const actor = { profileId: 'sandbox', profileName: 'Sandbox', account: 'demo@sandbox.local' }
const freshLog = () => new AuditLog(openDatabase(mkdtempSync(join(tmpdir(), 'desk-audit-'))))

describe('change recorder', () => {
  it('records a mutating call with its RequestId and redacted parameters, and not a read', async () => {
    const log = freshLog()
    let clock = 1_000
    const call = recordChanges(log, () => actor, () => ['live-token-123456'], async (action) => ({ data: {}, requestId: `req-${action}` }), () => clock++)
    await call('AppControlDeviceData', { DeviceId: 'P/d', Data: '{"power_switch":1}', AccessToken: 'live-token-123456' })
    await call('AppGetFamilyList', { Offset: 0 })
    const { total, entries } = log.list()
    expect(total).toBe(1)
    expect(entries[0]).toMatchObject({ action: 'AppControlDeviceData', requestId: 'req-AppControlDeviceData', outcome: 'ok', ...actor })
    expect(entries[0]?.params).toContain('power_switch')
    expect(entries[0]?.params).not.toContain('live-token-123456')
  })

  it('records a failed change with the cloud code and RequestId, and rethrows', async () => {
    const log = freshLog()
    const failure = new ApiError({ kind: 'api', code: 'FailedOperation.DeviceOffline', message: 'offline', requestId: 'r-9', action: 'AppControlDeviceData' })
    const call = recordChanges(log, () => actor, () => [], async () => {
      throw failure
    })
    await expect(call('AppControlDeviceData', { DeviceId: 'P/d', Data: '{}' })).rejects.toBe(failure)
    expect(log.list().entries[0]).toMatchObject({ outcome: 'error', errorCode: 'FailedOperation.DeviceOffline', requestId: 'r-9' })
  })

  it('records the device by the name its owner gave it, or by its DeviceName when unknown', async () => {
    const log = freshLog()
    const names = new Map([['LAMP01/lamp_a1', 'Living-room lamp']])
    const call = recordChanges(log, () => actor, () => [], async () => ({ data: {}, requestId: 'r' }), Date.now, (id) => names.get(id))
    await call('AppControlDeviceData', { ProductId: 'LAMP01', DeviceName: 'lamp_a1', Data: '{}' })
    await call('AppControlDeviceData', { DeviceId: 'PLUG01/plug_b2', Data: '{}' })
    await call('AppCreateFamily', { Name: 'No device here' })
    expect(log.list().entries.map((e) => e.deviceName)).toEqual(['', 'plug_b2', 'Living-room lamp'])
  })

  it('cuts secrets out of free text and secret-named fields', async () => {
    const log = freshLog()
    const call = recordChanges(log, () => actor, () => ['AppSecretValue-XYZ'], async () => ({ data: {}, requestId: 'r' }))
    await call('AppCreateFamily', { Name: 'contains AppSecretValue-XYZ here', Password: 'hunter22' })
    const params = log.list().entries[0]?.params ?? ''
    expect(params).not.toContain('AppSecretValue-XYZ')
    expect(params).not.toContain('hunter22')
  })
})

describe('audit log', () => {
  function seeded() {
    const log = freshLog()
    const add = (timeMs: number, action: string, outcome: 'ok' | 'error', params = '{}', deviceName = '') =>
      log.record({ ...actor, timeMs, action, deviceName, params, requestId: `r${timeMs}`, outcome, errorCode: '', errorMessage: '' })
    add(1000, 'AppControlDeviceData', 'ok', '{"DeviceId":"LIGHT/1"}', 'Kitchen light')
    add(2000, 'AppModifyFamily', 'error', '{"Name":"Zhang home"}')
    add(3000, 'AppControlDeviceData', 'error', '{"DeviceId":"PLUG/7"}', 'Desk plug')
    return log
  }

  it('lists newest first, filtered by action, outcome, time and text', () => {
    const log = seeded()
    expect(log.list().entries.map((e) => e.timeMs)).toEqual([3000, 2000, 1000])
    expect(log.list({ action: 'AppControlDeviceData' }).total).toBe(2)
    expect(log.list({ outcome: 'error' }).entries.map((e) => e.action)).toEqual(['AppControlDeviceData', 'AppModifyFamily'])
    expect(log.list({ fromMs: 1500, toMs: 3000 }).entries.map((e) => e.timeMs)).toEqual([2000])
    expect(log.list({ text: 'PLUG/7' }).entries.map((e) => e.requestId)).toEqual(['r3000'])
    expect(log.list({ text: '%' }).total).toBe(0)
    expect(log.list({ limit: 1, offset: 1 }).entries.map((e) => e.timeMs)).toEqual([2000])
  })

  it('searches action, device name and parameters by any part, ignoring case', () => {
    const log = seeded()
    const found = (text: string) => log.list({ text }).entries.map((e) => e.timeMs)
    expect(found('controldevice')).toEqual([3000, 1000])
    expect(found('KITCHEN')).toEqual([1000])
    expect(found('desk pl')).toEqual([3000])
    expect(found('zhang HOME')).toEqual([2000])
    expect(log.list().entries.find((e) => e.timeMs === 1000)?.deviceName).toBe('Kitchen light')
  })

  it('keeps paging', () => {
    const log = seeded()
    expect(log.list({ limit: 1, offset: 1 }).entries.map((e) => e.timeMs)).toEqual([2000])
  })

  it('exports CSV with a header, one line per entry, quoted where needed', () => {
    const csv = seeded().toCsv({ action: 'AppControlDeviceData' })
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe('time,profile,account,action,device,outcome,request_id,error_code,error_message,params')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain('"{""DeviceId"":""PLUG/7""}"')
  })

  it('defuses spreadsheet formulas, a text "-5" included, as the history export does', () => {
    const log = freshLog()
    const entry = { ...actor, action: 'AppModifyFamily', requestId: 'r', outcome: 'error' as const, errorCode: '-5', errorMessage: '=HYPERLINK("x")' }
    log.record({ ...entry, timeMs: 1, params: 'plain' })
    const row = log.toCsv().trimEnd().split('\r\n')[1]
    expect(row).toBe(`1970-01-01T00:00:00.001Z,Sandbox,demo@sandbox.local,AppModifyFamily,,error,r,'-5,"'=HYPERLINK(""x"")",plain`)
  })

  it('keeps its rows across reopening (migrations run once)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-audit-'))
    const first = new AuditLog(openDatabase(dir))
    first.record({ ...actor, timeMs: 5, action: 'AppDeleteFamily', params: '{}', requestId: 'r', outcome: 'ok', errorCode: '', errorMessage: '' })
    const db = openDatabase(dir)
    expect(new AuditLog(db).list().total).toBe(1)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
  })
})
