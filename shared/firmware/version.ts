/**
 * Firmware version order, the one rule the app, its renderer and the sandbox cloud share.
 * Versions are dotted segments compared as numbers, so 1.10 is newer than 1.9 and 2.0.10
 * newer than 2.0.9 (text order says the opposite, and every product of the sandbox's
 * catalogue has such a pair to catch it). A missing segment counts as 0 (1.2 equals 1.2.0);
 * a leading "v" is ignored. Segments that are not plain numbers ("t.2" in the reference's
 * example, "3rc1") compare by their leading number, then as text, so a pre-release sorts
 * before its release (3rc1 < 3); a segment with no number sorts after every number.
 * The order is total: every pair of strings compares, never as NaN.
 */
export function compareVersions(a: string, b: string): number {
  const left = segments(a)
  const right = segments(b)
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const order = compareSegments(left[i] ?? '0', right[i] ?? '0')
    if (order !== 0) return order
  }
  return 0
}

export const isNewer = (candidate: string, than: string): boolean => compareVersions(candidate, than) > 0
export const sameVersion = (a: string, b: string): boolean => compareVersions(a, b) === 0

/** Distinct versions, oldest first (for pickers: 1.0.2 before 1.0.10). */
export function sortedVersions(versions: Iterable<string>): string[] {
  return [...new Set(versions)].sort(compareVersions)
}

function segments(version: string): string[] {
  return version.trim().replace(/^[vV](?=\d)/, '').split('.')
}

function compareSegments(x: string, y: string): number {
  const xNumber = /^\d+/.exec(x)?.[0]
  const yNumber = /^\d+/.exec(y)?.[0]
  if (xNumber !== undefined && yNumber !== undefined) {
    const byNumber = compareDigits(xNumber, yNumber)
    if (byNumber !== 0) return byNumber
    return compareText(x.slice(xNumber.length), y.slice(yNumber.length))
  }
  if (xNumber !== undefined) return -1
  if (yNumber !== undefined) return 1
  return compareText(x, y)
}

/** Digit strings of any length, without converting (a 20-digit build number stays exact). */
function compareDigits(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '')
  const b = y.replace(/^0+(?=\d)/, '')
  if (a.length !== b.length) return Math.sign(a.length - b.length)
  return compareText(a, b)
}

/** A bare number sorts after the same number with a suffix: 3 is newer than 3rc1. */
function compareText(x: string, y: string): number {
  if (x === y) return 0
  if (x === '') return 1
  if (y === '') return -1
  return x < y ? -1 : 1
}
