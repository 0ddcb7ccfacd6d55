/**
 * Where a Node process's resident memory is, by kind, read from Linux's /proc/self/smaps
 * (empty elsewhere). V8's own figures (heapTotal, external) say what the engine asked for;
 * these say what the kernel holds, so memory freed to malloc but not returned shows up.
 */
import { readFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'

let session: Session | null = null

/**
 * The collection DevTools' "Collect garbage" makes (CDP HeapProfiler.collectGarbage, as the
 * soak asks of the renderer): repeated, compacting, and handing emptied pages back to the
 * system at once. A plain gc() leaves the heap at the size V8 last grew it to (for the
 * soak's main, 50 MB live in 240-280 MB of old-space pages) and releases the pages it frees
 * later, so RSS read after it measures V8's momentary slack, not what is kept.
 */
export async function collectFully(): Promise<void> {
  if (!session) {
    session = new Session()
    session.connect()
  }
  await session.post('HeapProfiler.collectGarbage')
}

export interface ResidentMemory {
  /** glibc's main malloc arena (the brk heap), used by the main thread. */
  brkHeap: number
  /** glibc's other malloc arenas: 64 MB regions, one per thread that ever malloc'ed under contention. */
  mallocArenas: number
  /** How many such arenas exist. */
  arenaCount: number
  /** Other anonymous memory: V8's heap and code pages, large malloc blocks, thread stacks. */
  otherAnon: number
  /** Mapped files: the node binary, shared libraries. */
  files: number
  threads: number
}

const ARENA_BYTES = 64 * 1_048_576

/** Bytes resident per kind; zeros where /proc is missing. */
export function residentMemory(): ResidentMemory {
  const result: ResidentMemory = { brkHeap: 0, mallocArenas: 0, arenaCount: 0, otherAnon: 0, files: 0, threads: 0 }
  let smaps: string
  try {
    smaps = readFileSync('/proc/self/smaps', 'utf8')
    result.threads = Number(/Threads:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0)
  } catch {
    return result
  }
  const maps = parseSmaps(smaps)
  for (let i = 0; i < maps.length; i++) {
    const map = maps[i]!
    const next = maps[i + 1]
    if (map.path === '[heap]') result.brkHeap += map.rss
    else if (map.path.startsWith('/')) result.files += map.rss
    else if (isArena(map, next)) {
      result.mallocArenas += map.rss
      result.arenaCount++
    } else result.otherAnon += map.rss
  }
  return result
}

export interface Mapping {
  start: bigint
  end: bigint
  perms: string
  path: string
  rss: number
}

/**
 * A glibc arena heap is one 64 MB-aligned reservation: its used part read-write, the rest
 * PROT_NONE right after it (or none when it is all in use).
 */
function isArena(map: Mapping, next: Mapping | undefined): boolean {
  const size = BigInt(ARENA_BYTES)
  if (map.path !== '' || !map.perms.startsWith('rw') || map.start % size !== 0n) return false
  if (map.end - map.start === size) return true
  return next !== undefined && next.perms.startsWith('---') && next.start === map.end && next.end - map.start === size
}

/** Each mapping of an smaps listing: its range, permissions, path (or [name], or '') and resident bytes. */
export function parseSmaps(text: string): Mapping[] {
  const maps: Mapping[] = []
  for (const line of text.split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line)
    if (header) {
      maps.push({ start: BigInt(`0x${header[1]}`), end: BigInt(`0x${header[2]}`), perms: header[3]!, path: header[4]!.trim(), rss: 0 })
      continue
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line)
    if (rss && maps.length > 0) maps[maps.length - 1]!.rss = Number(rss[1]) * 1024
  }
  return maps
}
