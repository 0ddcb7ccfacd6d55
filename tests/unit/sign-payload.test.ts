import { describe, expect, it } from 'vitest'
import {
  checkSignPayload, formatSignPayload, SIGN_PAYLOAD_CLOCK_SLACK_SECONDS, SIGN_PAYLOAD_VALID_SECONDS,
  type DeviceSignPayload, type SubDeviceSignPayload,
} from '../../shared/binding/sign-payload'

const NOW_MS = 1_764_748_800_000
const NOW = NOW_MS / 1000
const device: DeviceSignPayload = {
  kind: 'device',
  productId: 'LGT7Q2K9PA',
  deviceName: 'light_demo_1',
  deviceTimestamp: NOW - 10,
  connId: 'ab12c',
  signature: 'a'.repeat(40),
  bindType: 'wifi_sign',
  signMethod: 'hmacsha1',
}
const sub: SubDeviceSignPayload = {
  kind: 'subDevice',
  productId: 'SNS5T6H2BQ',
  deviceName: 'th_new_1',
  deviceTimestamp: NOW - 10,
  nonce: '123456',
  signature: `${'Y'.repeat(27)}=`,
}
const text = (fields: Record<string, unknown>) => JSON.stringify(fields)
const deviceFields = () => JSON.parse(formatSignPayload(device)) as Record<string, unknown>
const problemOf = (payload: string, kind: 'device' | 'subDevice' = 'device') => {
  const result = checkSignPayload(payload, NOW_MS, kind)
  return result.ok ? null : result.problem
}

describe('a device signed binding payload', () => {
  it('reads back what the device printed, with blanks and the scanner\'s line end around it', () => {
    expect(checkSignPayload(`  ${formatSignPayload(device)}\r\n`, NOW_MS, 'device')).toEqual({ ok: true, payload: device })
    expect(checkSignPayload(formatSignPayload(sub), NOW_MS, 'subDevice')).toEqual({ ok: true, payload: sub })
  })

  it('defaults BindType to wifi_sign, SignMethod to hmacsha1 and ConnId to "", reads SignMethod in any case', () => {
    const { BindType: _b, SignMethod: _s, ConnId: _c, ...bare } = deviceFields()
    const result = checkSignPayload(text(bare), NOW_MS, 'device')
    expect(result).toEqual({ ok: true, payload: { ...device, connId: '' } })
    const sha256 = checkSignPayload(text({ ...bare, SignMethod: 'HMACSHA256', Signature: 'B'.repeat(64) }), NOW_MS, 'device')
    expect(sha256.ok && sha256.payload.signMethod).toBe('hmacsha256')
  })

  it('says what is wrong with a malformed payload', () => {
    expect(problemOf('   ')).toEqual({ reason: 'empty' })
    expect(problemOf('{"ProductId": "LGT7Q2K9PA",')).toEqual({ reason: 'notJson' })
    expect(problemOf('[1,2]')).toEqual({ reason: 'notJson' })
    expect(problemOf('x'.repeat(2000))).toEqual({ reason: 'tooLong' })
    const { Signature: _s, ...unsigned } = deviceFields()
    expect(problemOf(text(unsigned))).toEqual({ reason: 'missing', field: 'Signature' })
    expect(problemOf(text({ ...deviceFields(), DeviceName: 'bad name!' }))).toEqual({ reason: 'invalid', field: 'DeviceName' })
    expect(problemOf(text({ ...deviceFields(), BindType: 'nfc_sign' }))).toEqual({ reason: 'invalid', field: 'BindType' })
    // A SHA-1 signature under SHA-256, and one that is not hex.
    expect(problemOf(text({ ...deviceFields(), SignMethod: 'hmacsha256' }))).toEqual({ reason: 'invalid', field: 'Signature' })
    expect(problemOf(text({ ...deviceFields(), Signature: 'z'.repeat(40) }))).toEqual({ reason: 'invalid', field: 'Signature' })
  })

  it('refuses a millisecond DeviceTimestamp as invalid, not as a time far ahead', () => {
    expect(problemOf(text({ ...deviceFields(), DeviceTimestamp: NOW_MS }))).toEqual({ reason: 'invalid', field: 'DeviceTimestamp' })
    expect(problemOf(text({ ...deviceFields(), DeviceTimestamp: 'soon' }))).toEqual({ reason: 'invalid', field: 'DeviceTimestamp' })
  })

  it(`is good for ${SIGN_PAYLOAD_VALID_SECONDS} s after DeviceTimestamp, then expired`, () => {
    expect(problemOf(text({ ...deviceFields(), DeviceTimestamp: NOW - SIGN_PAYLOAD_VALID_SECONDS }))).toBeNull()
    expect(problemOf(text({ ...deviceFields(), DeviceTimestamp: NOW - SIGN_PAYLOAD_VALID_SECONDS - 1 })))
      .toEqual({ reason: 'expired', ageSeconds: SIGN_PAYLOAD_VALID_SECONDS + 1 })
    expect(problemOf(text({ ...deviceFields(), DeviceTimestamp: NOW + SIGN_PAYLOAD_CLOCK_SLACK_SECONDS + 5 })))
      .toEqual({ reason: 'future', aheadSeconds: SIGN_PAYLOAD_CLOCK_SLACK_SECONDS + 5 })
  })
})

describe("a gateway sub-device's signed payload", () => {
  const subFields = () => JSON.parse(formatSignPayload(sub)) as Record<string, unknown>

  it('needs its Nonce and a Base64 HMAC-SHA1 signature', () => {
    const { Nonce: _n, ...noNonce } = subFields()
    expect(problemOf(text(noNonce), 'subDevice')).toEqual({ reason: 'missing', field: 'Nonce' })
    expect(problemOf(text({ ...subFields(), Signature: 'a'.repeat(40) }), 'subDevice')).toEqual({ reason: 'invalid', field: 'Signature' })
  })

  it('expires like a device payload', () => {
    expect(problemOf(text({ ...subFields(), DeviceTimestamp: NOW - 3600 }), 'subDevice')).toEqual({ reason: 'expired', ageSeconds: 3600 })
  })
})
