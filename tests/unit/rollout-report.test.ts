import { describe, expect, it } from 'vitest'
import { rolloutCsv } from '../../electron/core/rollout/report-csv'
import type { DeviceRecord, RolloutRecord } from '../../electron/core/rollout/store'

const rollout: RolloutRecord = {
  id: 'r1',
  name: 'Lights, June',
  kind: 'fleet',
  profileId: 'sandbox',
  profileName: 'Sandbox',
  account: 'demo@sandbox.local',
  plan: { canary: 1, steps: [100], concurrency: 5, maxFailedPercent: 10, offline: { mode: 'skip' }, deviceTimeoutMs: 60_000 },
  selection: {},
  waveSizes: [1, 2],
  state: 'completed',
  pauseReason: '',
  currentWave: 1,
  createdMs: 0,
  startedMs: 0,
  finishedMs: 0,
  updatedMs: 0,
}

const device = (over: Partial<DeviceRecord>): DeviceRecord => ({
  deviceId: 'LGT/light_1',
  seq: 0,
  wave: 0,
  productId: 'LGT',
  productName: 'Smart light',
  aliasName: 'Desk lamp',
  familyName: 'Home',
  roomName: 'Study',
  gatewayId: '',
  isGateway: false,
  fromVersion: '1.9.3',
  targetVersion: '1.10.0',
  finalVersion: '1.10.0',
  state: 'done',
  reason: '',
  detail: '',
  attempt: 1,
  publishedAttempt: 1,
  publishes: 1,
  requestId: 'req-1',
  otaStatus: 6,
  percent: 100,
  acked: false,
  waitUntilMs: null,
  publishedMs: Date.UTC(2026, 0, 1, 10, 0, 0),
  finishedMs: Date.UTC(2026, 0, 1, 10, 0, 42),
  ...over,
})

describe('rollout report (CSV)', () => {
  it('one row per device with versions, outcome, RequestId, times and duration', () => {
    const csv = rolloutCsv(rollout, [
      device({}),
      device({ deviceId: 'LGT/light_2', wave: 1, state: 'failed', reason: 'reverted', finalVersion: '1.9.3', detail: 'said done, runs "1.9.3", not 1.10.0', attempt: 2, publishes: 2 }),
      device({ deviceId: 'LGT/light_3', wave: 1, state: 'skipped', reason: 'offline', finalVersion: '', publishes: 0, requestId: '', otaStatus: null, publishedMs: null, finishedMs: null }),
    ])
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'rollout,device_id,alias,product,family,room,wave,from_version,target_version,final_version,state,reason,detail,attempt,publishes,request_id,ota_status,published_at,finished_at,duration_s',
    )
    expect(lines[1]).toBe(
      '"Lights, June",LGT/light_1,Desk lamp,Smart light,Home,Study,1,1.9.3,1.10.0,1.10.0,done,,,1,1,req-1,Update completed,2026-01-01T10:00:00.000Z,2026-01-01T10:00:42.000Z,42.0',
    )
    expect(lines[2]).toContain(',2,1.9.3,1.10.0,1.9.3,failed,reverted,"said done, runs ""1.9.3"", not 1.10.0",2,2,')
    expect(lines[3]).toBe('"Lights, June",LGT/light_3,Desk lamp,Smart light,Home,Study,2,1.9.3,1.10.0,,skipped,offline,,1,0,,,,,')
    expect(csv.endsWith('\r\n')).toBe(true)
  })

  it('defuses cells a spreadsheet would run as formulas', () => {
    const csv = rolloutCsv({ ...rollout, name: '=HYPERLINK("x")' }, [device({ aliasName: '+lamp' })])
    expect(csv.split('\r\n')[1]).toMatch(/^"'=HYPERLINK\(""x""\)",LGT\/light_1,'\+lamp,/)
  })
})
