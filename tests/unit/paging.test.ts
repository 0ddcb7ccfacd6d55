import { describe, expect, it } from 'vitest'
import { chunk, fetchAllPages } from '../../electron/core/api/paging'

const listing = (total: number, reportedTotal = total) => {
  const calls: number[] = []
  const fetchPage = async (offset: number, limit: number) => {
    calls.push(offset)
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i)
    return { items, total: reportedTotal }
  }
  return { calls, fetchPage }
}

describe('fetchAllPages', () => {
  it('reads every item once, in order, across pages', async () => {
    const { calls, fetchPage } = listing(123)
    expect(await fetchAllPages(fetchPage, 50)).toEqual(Array.from({ length: 123 }, (_, i) => i))
    expect(calls.sort((a, b) => a - b)).toEqual([0, 50, 100])
  })

  it('makes one call for a short first page, even if Total says more', async () => {
    const { calls, fetchPage } = listing(10, 500)
    expect(await fetchAllPages(fetchPage, 50)).toHaveLength(10)
    expect(calls).toEqual([0])
  })

  it('reports progress after every page, ending at the total', async () => {
    const { fetchPage } = listing(230)
    const seen: [number, number][] = []
    await fetchAllPages(fetchPage, 50, 3, (loaded, total) => seen.push([loaded, total]))
    expect(seen).toHaveLength(5)
    expect(seen[0]).toEqual([50, 230])
    expect(seen.at(-1)).toEqual([230, 230])
    expect(seen.map(([loaded]) => loaded)).toEqual([...seen.map(([loaded]) => loaded)].sort((a, b) => a - b))
  })

  it('handles an empty listing', async () => {
    expect(await fetchAllPages(listing(0).fetchPage, 50)).toEqual([])
  })
})

describe('chunk', () => {
  it('splits into runs of at most n', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(chunk([], 3)).toEqual([])
  })
})
