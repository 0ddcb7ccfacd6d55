/**
 * What the bench's own DevTools connection keeps in the page's renderer. Playwright enables the
 * Network domain on every page it drives (no option turns it off), and Chromium's network agent
 * then keeps the body of every XHR and fetch response in the renderer, for
 * Network.getResponseBody, up to its buffer limit (Playwright passes none: Chromium's default,
 * 100 MB or more). Blink allocates it in PartitionAlloc's buffer partition. The packaged app
 * runs with no DevTools attached, so none of it is the app's memory; the recordings' video
 * segments are the soak's XHRs (about 0.7 MB a play). `npm run bench -- devtools-network`
 * shows it side by side (devtools-network-bench.ts).
 */
import type { Page } from 'playwright-core'

/**
 * Chromium's agent evicts beyond its buffer limit, which is at least this: counting no more than
 * it keeps the soak's "less DevTools" figure on the app's side of the truth.
 */
const DEVTOOLS_BUFFER_MB = 100

const MB = 1_048_576

/** Counts the XHR and fetch response bytes the page receives from now on; `keptMb()` reads the running total, capped. */
export function countDevtoolsKept(page: Page): { keptMb(): number } {
  let bytes = 0
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'xhr' && request.resourceType() !== 'fetch') return
    request.sizes().then(
      (sizes) => (bytes += Math.max(0, sizes.responseBodySize)),
      () => {}, // the page moved on meanwhile: its sizes are gone, and so are its bytes
    )
  })
  return { keptMb: () => Math.min(bytes / MB, DEVTOOLS_BUFFER_MB) }
}
