/**
 * `npm run bench -- devtools-network`: why the memory benches drive their page over a bare
 * DevTools connection (bare-devtools.ts) and not through Playwright. The same page fetches the
 * same XHR bodies (video segments, 1 MB each) in two Chromiums side by side:
 * - driven by Playwright, as the other browser benches are: its Network domain is on, and
 *   Chromium's network agent keeps every response body in the renderer;
 * - driven over a bare DevTools connection that enables no Network domain, as the packaged app
 *   runs (nothing attached at all).
 * Printed for each (devtools_network.<driver>_*): the growth, after a full collection, of
 * PartitionAlloc's buffer partition in the renderer (where Blink keeps the bodies; a
 * memory-infra dump). RSS is not compared: the freed bodies' pages stay resident in either
 * until PartitionAlloc purges them, so it differs by less than what is kept.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { launchChromium } from '../support/chromium'
import { launchBareChromium, type Devtools } from './bare-devtools'
import { allocatorBytes } from './renderer-memory'
import { report } from './report'

const SEGMENTS = 60
const SEGMENT_BYTES = 1_000_000
const MB = 1_048_576
const BUFFER_PARTITION = 'partition_alloc/partitions/buffer'

export async function devtoolsNetworkBench(): Promise<void> {
  const server = segmentServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`
  try {
    await measure('playwright', await withPlaywright(url))
    await measure('bare_cdp', await launchBareChromium(url))
  } finally {
    server.close()
  }
}

interface Driven {
  /** Page-level commands (Runtime, HeapProfiler); `browser` takes Tracing. */
  page: Devtools
  browser: Devtools
  close(): Promise<void>
}

async function measure(driver: string, driven: Driven): Promise<void> {
  try {
    const before = await reading(driven)
    const fetched = await driven.page.send('Runtime.evaluate', { awaitPromise: true, returnByValue: true, expression: FETCH_SEGMENTS })
    if (fetched.exceptionDetails || fetched.result?.value !== SEGMENTS) throw new Error(`${driver}: the page fetched ${JSON.stringify(fetched.result?.value)} segments`)
    const after = await reading(driven)
    report(`devtools_network.${driver}_fetched_mb`, (SEGMENTS * SEGMENT_BYTES) / MB, 'MB')
    report(`devtools_network.${driver}_buffer_partition_growth_mb`, (after.buffer - before.buffer) / MB, 'MB')
  } finally {
    await driven.close()
  }
}

async function reading(driven: Driven): Promise<{ buffer: number }> {
  await driven.page.send('HeapProfiler.collectGarbage')
  const buffer = (await allocatorBytes(driven.browser, { detail: [BUFFER_PARTITION] }))[BUFFER_PARTITION]
  if (buffer === undefined) throw new Error('the memory dump has no buffer partition')
  return { buffer }
}

const FETCH_SEGMENTS = `(async () => {
  let done = 0
  for (let i = 0; i < ${SEGMENTS}; i++) {
    await new Promise((resolve) => {
      const xhr = new XMLHttpRequest()
      xhr.open('GET', '/segment-' + i + '.ts')
      xhr.responseType = 'arraybuffer'
      xhr.onloadend = () => { if (xhr.response && xhr.response.byteLength === ${SEGMENT_BYTES}) done++; resolve() }
      xhr.send()
    })
  }
  return done
})()`

function segmentServer(): Server {
  const segment = randomBytes(SEGMENT_BYTES)
  return createServer((request, response) => {
    if (request.url === '/') {
      response.setHeader('content-type', 'text/html')
      response.end('<!doctype html><title>segments</title>')
    } else {
      response.setHeader('content-type', 'video/mp2t')
      response.setHeader('cache-control', 'no-store')
      response.end(segment)
    }
  })
}

async function withPlaywright(url: string): Promise<Driven> {
  const browser = await launchChromium()
  const page = await browser.context.newPage()
  await page.goto(url)
  const cdp = await page.context().newCDPSession(page)
  return { page: cdp, browser: cdp, close: () => browser.close() }
}
