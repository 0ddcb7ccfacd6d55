import { describe, expect, it } from 'vitest'
import { compareVersions, isNewer, sameVersion, sortedVersions } from '../../shared/firmware/version'

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

describe('the documented edge cases', () => {
  it('ignores a leading v: v1.2 is 1.2, older than 1.3', () => {
    expect(compareVersions('v1.2', '1.2')).toBe(0)
    expect(compareVersions('v1.2', '1.3')).toBe(-1)
    expect(compareVersions('V2', 'v1.9')).toBe(1)
  })

  it('sorts a pre-release before its release and after the one before: 2.9 < 3rc1 < 3 < 3.0.1', () => {
    expect(['3', '3.0.1', '3rc1', '2.9'].sort(compareVersions)).toEqual(['2.9', '3rc1', '3', '3.0.1'])
  })

  it('compares non-numeric segments as text after numeric ones, never as NaN', () => {
    expect(compareVersions('1.t', '1.2')).toBe(1)
    expect(compareVersions('t.2', 't.2')).toBe(0)
    expect(compareVersions('beta', 'alpha')).toBe(1)
  })

  it('picker order: distinct versions oldest first, 1.0.2 before 1.0.10', () => {
    expect(sortedVersions(['1.0.10', '1.0.2', '1.0.10', '1.0.9'])).toEqual(['1.0.2', '1.0.9', '1.0.10'])
  })
})

describe('the order is total and antisymmetric', () => {
  // A seeded generator so a failure is reproducible.
  let seed = 20241203
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  const PARTS = ['0', '1', '2', '9', '10', '01', '3rc1', 'rc', 't', 'b2', '']
  const randomVersion = () => {
    const n = 1 + next(4)
    const body = Array.from({ length: n }, () => PARTS[next(PARTS.length)]).join('.')
    return next(5) === 0 ? `v${body}` : body
  }
  const pairs = Array.from({ length: 400 }, () => [randomVersion(), randomVersion()] as const)

  it('every pair compares to -1, 0 or 1, and swapping the pair flips the sign', () => {
    for (const [a, b] of pairs) {
      const ab = compareVersions(a, b)
      expect([-1, 0, 1], `${a} vs ${b}`).toContain(ab)
      expect(compareVersions(b, a), `${b} vs ${a}`).toBe(ab === 0 ? 0 : -ab)
      expect(compareVersions(a, a)).toBe(0)
    }
  })

  it('is transitive: sorting any list leaves every neighbour in order', () => {
    for (let round = 0; round < 20; round++) {
      const list = Array.from({ length: 30 }, randomVersion).sort(compareVersions)
      for (let i = 1; i < list.length; i++) {
        for (let j = 0; j < i; j++) expect(compareVersions(list[j]!, list[i]!), `${list[j]} vs ${list[i]}`).toBeLessThanOrEqual(0)
      }
    }
  })
})
