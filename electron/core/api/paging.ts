import { mapConcurrently } from '../../../shared/concurrency'

export interface Page<T> {
  items: T[]
  total: number
}

/**
 * Every item of an Offset/Limit listing: the first page tells the total, the rest are
 * fetched `concurrency` at a time. Stops early on a short page, so a cloud whose Total
 * is wrong cannot make us loop.
 */
export async function fetchAllPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  limit: number,
  concurrency = 4,
  /** Items read so far and the total the first page announced, after every page. */
  onProgress?: (loaded: number, total: number) => void,
): Promise<T[]> {
  const first = await fetchPage(0, limit)
  const total = Math.max(first.total, first.items.length)
  let loaded = first.items.length
  onProgress?.(loaded, total)
  if (first.items.length < limit || first.total <= limit) return first.items
  const offsets: number[] = []
  for (let offset = limit; offset < first.total; offset += limit) offsets.push(offset)
  const pages = await mapConcurrently(offsets, concurrency, async (offset) => {
    const { items } = await fetchPage(offset, limit)
    loaded += items.length
    onProgress?.(loaded, total)
    return items
  })
  return [first.items, ...pages].flat()
}

/** Splits `items` into runs of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}
