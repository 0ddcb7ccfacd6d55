/**
 * What Chromium's renderer processes hold, for the soak's per-sample diagnostics (Linux):
 * - the kernel's view, per kind of mapping (/proc/<pid>/smaps): anonymous memory (V8's and
 *   Blink's heaps, PartitionAlloc), shared memory (compositor tiles, media and IPC buffers),
 *   mapped files (the binary, fonts, resource packs);
 * - Blink's live objects (CDP Memory.getDOMCounters): documents, nodes, JS event listeners;
 *   detached DOM kept alive shows here as a node count that climbs;
 * - optionally Chromium's own accounting per allocator (memory-infra through CDP Tracing:
 *   partition_alloc and its buffer, fast_malloc, layout and array_buffer partitions, blink_gc,
 *   v8, skia, font_caches, cc, ...), with SOAK_ALLOCATORS=1: the
 *   tracing it needs allocates trace buffers in the renderer, so it is not on by default.
 */
import { readdirSync, readFileSync } from 'node:fs'
import type { BareChromium, Devtools } from './bare-devtools'
import { parseSmaps } from './process-memory'

/**
 * The renderer processes of pages Chromium opened under this process (Linux /proc; none
 * elsewhere). Chromium's own browser UI is left out: headless Chromium runs its omnibox popup
 * in a WebUI renderer (~150 MB) that a packaged app's window does not have.
 */
export function rendererPids(ancestor: number = process.pid): number[] {
  const parent = new Map<number, number>()
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number)
  for (const pid of pids) {
    const stat = read(`/proc/${pid}/stat`)
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : NaN
    if (Number.isFinite(ppid)) parent.set(pid, ppid)
  }
  const descends = (pid: number): boolean => {
    for (let p = parent.get(pid), hops = 0; p !== undefined && hops < 16; p = parent.get(p), hops++) if (p === ancestor) return true
    return false
  }
  // Zygote-forked processes rewrite their command line as one space-separated string.
  return pids.filter((pid) => {
    const args = descends(pid) ? read(`/proc/${pid}/cmdline`)?.split(/[\0 ]/) : undefined
    return args?.includes('--type=renderer') && !args.includes('--top-chrome-webui')
  })
}

/** Resident bytes of one process as its status file says (VmRSS); 0 once it has ended. */
export function residentBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? '')?.[1]
  return Number(kb ?? 0) * 1024
}

/** Resident bytes by kind of mapping, summed over `pids`. */
export interface MappedMemory {
  /** Private anonymous memory: V8, Oilpan (Blink's GC heap), PartitionAlloc, Skia, codecs. */
  anon: number
  /** The brk heap (glibc malloc, where PartitionAlloc does not replace it). */
  brkHeap: number
  /** Shared memory (memfd, /dev/shm): compositor tiles, media buffers, IPC. */
  shmem: number
  /** Mapped files: the binary, shared libraries, fonts, resource packs, ICU data. */
  files: number
  /** Stacks and the kernel's own pages ([stack], [vvar], ...). */
  other: number
}

export function mappedMemory(pids: readonly number[]): MappedMemory {
  const result: MappedMemory = { anon: 0, brkHeap: 0, shmem: 0, files: 0, other: 0 }
  for (const pid of pids) {
    const smaps = read(`/proc/${pid}/smaps`)
    if (smaps) for (const map of parseSmaps(smaps)) result[mappingKind(map.path)] += map.rss
  }
  return result
}

function mappingKind(path: string): keyof MappedMemory {
  if (path === '') return 'anon'
  if (path === '[heap]') return 'brkHeap'
  // Anonymous mappings the process named (PR_SET_VMA_ANON_NAME), e.g. [anon:partition_alloc].
  if (path.startsWith('[anon:')) return 'anon'
  if (path.startsWith('[anon_shmem:') || /^\/(memfd:|dev\/shm\/|dev\/zero|SYSV)/.test(path)) return 'shmem'
  if (path.startsWith('/')) return 'files'
  return 'other'
}

export interface DomCounters {
  documents: number
  nodes: number
  jsEventListeners: number
}

/** Blink's live documents, nodes and JS event listeners in the page's renderer. */
export async function domCounters(cdp: Devtools): Promise<DomCounters> {
  const { documents, nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters')
  return { documents, nodes, jsEventListeners }
}

interface TraceEvent {
  pid: number
  ph: string
  name: string
  args?: { name?: string; dumps?: { allocators?: Record<string, { attrs?: { size?: { value?: string } } }> } }
}

/**
 * One memory-infra dump of the renderer processes: bytes per top-level allocator (partition_alloc,
 * blink_gc, v8, malloc, skia, font_caches, web_cache, cc, discardable, ...), summed over them.
 * An allocator that reports only its children is the sum of its shallowest children with a size.
 * `cdp` is a page's session, or the browser's (Tracing is a browser domain either reaches).
 * Now and then a dump comes back without the renderer's part or a `detail` node asked for (one
 * full bench run in session 13 stopped on it); it is asked for again, up to three times.
 */
export async function allocatorBytes(cdp: Devtools, options: { detail?: readonly string[] } = {}): Promise<Record<string, number>> {
  for (let attempt = 1; ; attempt++) {
    const totals = await dumpOnce(cdp, options.detail)
    const whole = Object.keys(totals).length > 0 && (options.detail ?? []).every((name) => name in totals)
    if (whole || attempt === 3) return totals
  }
}

async function dumpOnce(cdp: Devtools, detail: readonly string[] | undefined): Promise<Record<string, number>> {
  const events: TraceEvent[] = []
  const collect = ({ value }: { value: object[] }) => events.push(...(value as TraceEvent[]))
  cdp.on('Tracing.dataCollected', collect)
  try {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: {
        includedCategories: ['disabled-by-default-memory-infra'],
        excludedCategories: ['*'],
        traceBufferSizeInKb: 8_192,
        // No periodic dumps (memory-infra's default is one every 250 ms): only the one asked for.
        memoryDumpConfig: { triggers: [] } as unknown as Record<string, string>,
      },
    })
    const { success } = await cdp.send('Tracing.requestMemoryDump', { deterministic: false, levelOfDetail: 'light' })
    await cdp.send('Tracing.end')
    await complete
    if (!success) throw new Error('the memory dump failed')
  } finally {
    cdp.off('Tracing.dataCollected', collect)
  }
  const renderers = new Set(events.filter((e) => e.ph === 'M' && e.name === 'process_name' && e.args?.name === 'Renderer').map((e) => e.pid))
  const totals: Record<string, number> = {}
  for (const event of events) {
    const allocators = event.ph === 'v' && renderers.has(event.pid) ? event.args?.dumps?.allocators : undefined
    if (allocators) for (const [root, bytes] of Object.entries(rootSizes(allocators, detail))) totals[root] = (totals[root] ?? 0) + bytes
  }
  return totals
}

/** Bytes per top-level allocator, counting each allocator's shallowest sized nodes once; and of each `detail` node by its full name. */
export function rootSizes(allocators: Record<string, { attrs?: { size?: { value?: string } } }>, detail: readonly string[] = []): Record<string, number> {
  const sized = new Map<string, number>()
  for (const [name, node] of Object.entries(allocators)) {
    const hex = node.attrs?.size?.value
    if (hex !== undefined) sized.set(name, Number.parseInt(hex, 16))
  }
  const totals: Record<string, number> = {}
  for (const [name, bytes] of sized) {
    const parts = name.split('/')
    const counted = parts.slice(0, -1).some((_, i) => sized.has(parts.slice(0, i + 1).join('/')))
    if (!counted) totals[parts[0]!] = (totals[parts[0]!] ?? 0) + bytes
    if (detail.includes(name)) totals[name] = bytes
  }
  return totals
}

/** Blink's PartitionAlloc partitions, printed apart: which one grows says what holds the memory. */
const PARTITIONS = ['buffer', 'fast_malloc', 'layout', 'array_buffer'].map((name) => `partition_alloc/partitions/${name}`)

/** One printed diagnostic: soak.sample.<s>s.renderer_<name>. */
export interface Figure {
  name: string
  value: number
  unit: string
}

const MB = 1_048_576
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/**
 * Every diagnostic of the renderer processes `pids`, read after the soak's own figures. A part
 * that cannot be read is left out with a note on stderr: diagnostics never stop the soak.
 */
export async function rendererFigures(sessions: Pick<BareChromium, 'page' | 'browser'>, pids: readonly number[], options: { allocators: boolean }): Promise<Figure[]> {
  const figures: Figure[] = [{ name: 'processes', value: pids.length, unit: 'processes' }]
  for (const [kind, bytes] of Object.entries(mappedMemory(pids))) figures.push({ name: `mapped_${snake(kind)}_mb`, value: bytes / MB, unit: 'MB' })
  await noting('DOM counters', async () => {
    for (const [what, count] of Object.entries(await domCounters(sessions.page))) figures.push({ name: snake(what), value: count, unit: what === 'documents' ? 'documents' : what === 'nodes' ? 'nodes' : 'listeners' })
  })
  if (options.allocators) {
    await noting('allocator dump', async () => {
      const sizes = Object.entries(await allocatorBytes(sessions.browser, { detail: PARTITIONS })).sort(([a], [b]) => a.localeCompare(b))
      for (const [root, bytes] of sizes) figures.push({ name: `alloc_${root.replace(/\W/g, '_')}_mb`, value: bytes / MB, unit: 'MB' })
    })
  }
  return figures
}

async function noting(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (error) {
    console.error(`# soak: renderer ${what} not read: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null // the process ended meanwhile
  }
}
