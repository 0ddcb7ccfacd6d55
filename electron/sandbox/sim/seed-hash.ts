/**
 * Stateless randomness keyed by name: history points, event backfill, firmware bytes and
 * OTA outcomes are computed from (seed, what, which, bucket) instead of being drawn from
 * the fleet's Rng, so they neither disturb the fleet's draws nor need storing.
 */

/** A 32-bit key from the seed and any parts (FNV-1a over their text, then mixed). */
export function hashKey(seed: number, ...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5 ^ (seed >>> 0)
  for (const part of parts) {
    const text = `${String(part)}\u0000`
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
  }
  return fmix32(h)
}

/** A uniform number in [0, 1) for bucket `k` of the series `key` (k may exceed 32 bits). */
export function unitAt(key: number, k: number, salt = 0): number {
  const low = k >>> 0
  const high = Math.floor(k / 4_294_967_296) >>> 0
  let h = fmix32(key ^ Math.imul(low, 0x9e3779b1))
  h = fmix32(h ^ Math.imul(high + salt * 0x85ebca6b, 0xc2b2ae35) ^ salt)
  return h / 4_294_967_296
}

/** An integer in [min, max] for bucket `k` of `key`. */
export function intAt(key: number, k: number, min: number, max: number, salt = 0): number {
  return min + Math.floor(unitAt(key, k, salt) * (max - min + 1))
}

/** MurmurHash3's finaliser: spreads every input bit over the output. */
function fmix32(value: number): number {
  let h = value >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}
