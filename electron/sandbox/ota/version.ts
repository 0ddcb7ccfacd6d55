/**
 * Firmware version order: dotted segments compared as numbers ("1.10.0" is newer than
 * "1.9.3", although it sorts first as text), a missing segment counting as 0 ("1.2" equals
 * "1.2.0"). Segments that are not numbers ("t.2" in the reference's example) compare as
 * text, after any number.
 */
export function compareVersions(a: string, b: string): number {
  const left = a.trim().split('.')
  const right = b.trim().split('.')
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const order = compareSegments(left[i] ?? '0', right[i] ?? '0')
    if (order !== 0) return order
  }
  return 0
}

export function isNewer(candidate: string, than: string): boolean {
  return compareVersions(candidate, than) > 0
}

function compareSegments(x: string, y: string): number {
  const xNumber = /^\d+$/.test(x)
  const yNumber = /^\d+$/.test(y)
  if (xNumber && yNumber) return Math.sign(Number(x) - Number(y))
  if (xNumber !== yNumber) return xNumber ? -1 : 1
  return x < y ? -1 : x > y ? 1 : 0
}
