/**
 * Wave sizes of a plan: a canary of N devices, then cumulative percentage steps of the fleet
 * (10, 50, 100 = up to 10 %, then up to half, then the rest). Shared so the planner shows
 * exactly the waves the engine will run.
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
