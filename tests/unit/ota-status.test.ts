import { describe, expect, it } from 'vitest'
import {
  isKnownOtaStatus,
  isOtaDone,
  isOtaFailed,
  isOtaTerminal,
  isOtaUnderWay,
  OTA_STATUSES,
  OtaResultCode,
  otaResultKey,
  otaResultText,
  OtaStatus,
  otaStateOf,
  otaStatusKey,
  otaStatusOfState,
  otaStatusText,
} from '../../shared/firmware/ota-status'

describe('OTA Status codes', () => {
  it('are the ten the reference documents, worded as it words them', () => {
    expect([...OTA_STATUSES].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 20])
    expect(otaStatusText(OtaStatus.Downloaded)).toBe('Download completed')
    expect(otaStatusText(OtaStatus.AwaitingConfirmation)).toBe('Waiting for user confirmation')
    expect(otaStatusText(null)).toBe('')
    expect(otaStatusText(42)).toBe('Status 42')
  })

  it('say which upgrades are in flight: 1, 2, 3, 4, 7 and 20; not offline (0), awaiting confirmation (8) or ended (5, 6)', () => {
    expect(OTA_STATUSES.filter(isOtaUnderWay).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 7, 20])
    expect(isOtaUnderWay(42)).toBe(false)
  })

  it('end with 6 done or 5 failed, and nothing else ends', () => {
    expect(OTA_STATUSES.filter(isOtaTerminal).sort()).toEqual([5, 6])
    expect(isOtaDone(6) && isOtaFailed(5)).toBe(true)
    expect(isOtaDone(5) || isOtaFailed(6)).toBe(false)
    // Every documented code is in exactly one of: in flight, ended, or outside an upgrade.
    for (const code of OTA_STATUSES) expect(Number(isOtaUnderWay(code)) + Number(isOtaTerminal(code))).toBeLessThanOrEqual(1)
  })

  it('map to locale keys, unknown codes to the numbered fallback', () => {
    expect(otaStatusKey(20)).toEqual({ key: 'rollout.otaStatus.s20', params: { code: 20 } })
    expect(otaStatusKey(9)).toEqual({ key: 'rollout.otaStatus.unknown', params: { code: 9 } })
    expect(isKnownOtaStatus(9)).toBe(false)
  })
})

describe('OTA ResultCodes', () => {
  it('word the documented failures and fall back to the number', () => {
    expect(otaResultText(OtaResultCode.Md5Mismatch)).toBe('MD5 mismatch')
    expect(otaResultText(-9)).toBe('ResultCode -9')
    expect(otaResultKey(-5)).toEqual({ key: 'rollout.resultCode.m5', params: { code: -5 } })
    expect(otaResultKey(0).key).toBe('rollout.resultCode.ok')
  })
})

describe('AppReportOTAStatus State words', () => {
  it('read as the Status they report, in any case; unknown words (even "constructor") are refused', () => {
    expect(otaStatusOfState('downloading')).toBe(OtaStatus.Downloading)
    expect(otaStatusOfState('FAIL')).toBe(OtaStatus.Failed)
    expect(otaStatusOfState('Done')).toBe(OtaStatus.Done)
    expect(otaStatusOfState('updating')).toBe(OtaStatus.Processing)
    expect(otaStatusOfState('installing')).toBeUndefined()
    expect(otaStatusOfState('constructor')).toBeUndefined()
  })

  it('are what a progress push says for each Status, and read back to an equivalent Status', () => {
    expect(OTA_STATUSES.map((s) => `${s}:${otaStateOf(s)}`).sort()).toEqual(
      ['0:updating', '1:updating', '2:updating', '3:downloading', '4:burning', '5:fail', '6:done', '7:updating', '8:updating', '20:downloading'].sort(),
    )
    for (const status of [OtaStatus.Downloading, OtaStatus.Burning, OtaStatus.Done, OtaStatus.Failed, OtaStatus.Processing]) {
      expect(otaStatusOfState(otaStateOf(status))).toBe(status)
    }
  })
})
