/**
 * Wave planning: sizes (shared/rollout-waves.ts, so the planner shows the same), and the
 * order. The canary is drawn across products, one of each in turn, so a firmware that
 * breaks one product shows up early.
 */

export { waveSizes } from '../../../shared/rollout-waves'

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
