/**
 * Context/Listover paging, as the history listings do it. Listover true means the listing
 * is over (the reference describes AppGetDeviceDataHistory's the other way round; its
 * example and every other listing read this way, docs/api-decisions.md, Part 1 "Paging"). A client that trusts
 * one signal alone can loop or stop early, so this stops on whichever comes first:
 * Listover true, an empty Context, or an empty page.
 */
import { LocalCode } from '../../../shared/errors'
import { ApiError } from '../api/api-error'
import { withRetry, type RetryPolicy } from './retry'

/** One answer of a listing: its items (in whatever form the caller keeps them) and the cursor. */
export interface CursorPage<T> {
  items: T
  count: number
  listover: boolean
  context: string
}

export interface PagingHooks<T> {
  signal: AbortSignal
  retry: RetryPolicy
  /** Each page as it arrives (progress, and the caller keeps the items). */
  onPage: (items: T, count: number) => void
  onRetry?: (error: unknown) => void
}

/** Reads every page, one after another; a failing page is retried from the same Context. */
export async function readAllPages<T>(readPage: (context: string) => Promise<CursorPage<T>>, hooks: PagingHooks<T>): Promise<void> {
  let context = ''
  for (;;) {
    const sent = context
    const page = await withRetry(() => readPage(sent), hooks.retry, hooks.signal, hooks.onRetry)
    hooks.onPage(page.items, page.count)
    if (page.listover || page.context === '' || page.count === 0) return
    // The same cursor again would read the same page for ever.
    if (page.context === sent) throw stuckCursor()
    context = page.context
  }
}

function stuckCursor(): ApiError {
  return new ApiError({
    kind: 'validation',
    code: LocalCode.MalformedResponse,
    message: 'The cloud answered the same Context twice; the listing would never end.',
  })
}
