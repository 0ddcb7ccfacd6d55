/**
 * Bounded concurrency, the one pool the app uses: core (pages, firmware checks, history
 * segments, device data) and renderer (per-family and per-device calls) alike.
 */

/**
 * `fn` over every item, at most `limit` at a time; results in the items' order. Rejects with
 * the first error, or with the signal's reason once it aborts: no item starts after that (a
 * page left mid-way stops asking for the rest).
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A concurrency limit must be a whole number of at least 1, not ${limit}.`)
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      signal?.throwIfAborted()
      const index = next++
      results[index] = await fn(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** Like mapConcurrently, but every item runs and each result says whether it succeeded. */
export function settleConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  return mapConcurrently(items, limit, async (item): Promise<PromiseSettledResult<R>> => {
    try {
      return { status: 'fulfilled', value: await fn(item) }
    } catch (reason) {
      return { status: 'rejected', reason }
    }
  })
}
