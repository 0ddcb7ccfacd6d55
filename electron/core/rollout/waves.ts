/**
 * Wave planning: a canary of N devices, then cumulative percentage steps of the fleet
 * (10, 50, 100 = up to 10 %, then up to half, then the rest). The canary is drawn across
 * products, one of each in turn, so a firmware that breaks one product shows up early.
 */

/** Sizes of the non-empty waves for `total` devices. `steps` rise; 100 is implied at the end. */
export function waveSizes(total: number, canary: number, steps: readonly number[]): number[] {
  if (total <= 0) return []
  const ends: number[] = []
  const first = Math.min(Math.max(0, Math.floor(canary)), total)
  if (first > 0) ends.push(first)
  for (const step of [...steps, 100]) {
    const end = Math.min(total, Math.ceil((total * Math.min(step, 100)) / 100))
    if (end > (ends.at(-1) ?? 0)) ends.push(end)
  }
  return ends.map((end, i) => end - (ends[i - 1] ?? 0))
}

/**
 * Orders devices for the plan: the canary first, taken round-robin over products in the
 * order each product first appears, then everyone else in their given order.
 */
export function canaryFirst<T>(devices: readonly T[], canary: number, productOf: (device: T) => string): T[] {
  const size = Math.min(Math.max(0, Math.floor(canary)), devices.length)
  if (size === 0) return [...devices]
  const byProduct = new Map<string, number[]>()
  devices.forEach((device, index) => {
    const list = byProduct.get(productOf(device))
    if (list) list.push(index)
    else byProduct.set(productOf(device), [index])
  })
  const queues = [...byProduct.values()]
  const chosen: number[] = []
  for (let round = 0; chosen.length < size; round++) {
    for (const queue of queues) {
      const index = queue[round]
      if (index !== undefined && chosen.length < size) chosen.push(index)
    }
  }
  const picked = new Set(chosen)
  return [...chosen.map((i) => devices[i] as T), ...devices.filter((_, i) => !picked.has(i))]
}

/** The wave of each position of the ordered list. */
export function waveOfEach(sizes: readonly number[]): number[] {
  return sizes.flatMap((size, wave) => Array<number>(size).fill(wave))
}
