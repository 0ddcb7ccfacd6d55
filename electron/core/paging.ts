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
): Promise<T[]> {
  const first = await fetchPage(0, limit)
  if (first.items.length < limit || first.total <= limit) return first.items
  const offsets: number[] = []
  for (let offset = limit; offset < first.total; offset += limit) offsets.push(offset)
  const pages: T[][] = new Array<T[]>(offsets.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < offsets.length) {
      const index = next++
      pages[index] = (await fetchPage(offsets[index] ?? 0, limit)).items
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, offsets.length) }, worker))
  return [first.items, ...pages].flat()
}

/** Splits `items` into runs of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}
