import { describe, expect, it } from 'vitest'
import { compareVersions, isNewer, sameVersion } from '../../electron/core/rollout/version'

describe('firmware versions compare as versions', () => {
  it('orders by number, not text: 1.10 > 1.9, 2.0.10 > 2.0.9, 1.10.0 > 1.9.3', () => {
    expect(compareVersions('1.10', '1.9')).toBe(1)
    expect(compareVersions('1.9', '1.10')).toBe(-1)
    expect(compareVersions('2.0.10', '2.0.9')).toBe(1)
    expect(compareVersions('1.10.0', '1.9.3')).toBe(1)
    expect(compareVersions('3.10.1', '3.9.0')).toBe(1)
    expect(isNewer('1.0.10', '1.0.2')).toBe(true)
    expect(isNewer('1.0.2', '1.0.10')).toBe(false)
  })

  it('treats a missing segment as 0, ignores a leading v and leading zeros', () => {
    expect(compareVersions('1.2', '1.2.0')).toBe(0)
    expect(sameVersion('v1.2.0', '1.2')).toBe(true)
    expect(compareVersions('1.02', '1.2')).toBe(0)
    expect(compareVersions('1.2.0.1', '1.2')).toBe(1)
  })

  it('keeps long build numbers exact and orders text segments after numbers', () => {
    expect(compareVersions('1.20240101123456789012', '1.20240101123456789011')).toBe(1)
    expect(compareVersions('t.2', '1.2')).toBe(1)
    expect(compareVersions('t.2', 't.10')).toBe(-1)
    expect(compareVersions('3rc1', '3')).toBe(-1)
    expect(compareVersions('3rc2', '3rc1')).toBe(1)
  })

  it('sorts a catalogue the way its releases came', () => {
    const versions = ['1.10.0', '1.0.0', '1.9.3', '1.2.0']
    expect([...versions].sort(compareVersions)).toEqual(['1.0.0', '1.2.0', '1.9.3', '1.10.0'])
  })
})
