/**
 * LIVE_BENCH_PROFILE=<dir>: a V8 CPU profile of this Node process over one stretch of a
 * benchmark, written as <dir>/<name>.cpuprofile (open it in Chromium's DevTools, Performance
 * tab). Opt-in: profiling slows the process it watches.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'

export interface NodeProfile {
  /** Stops profiling and writes the file; returns its path. */
  stop(): Promise<string>
}

export async function startNodeProfile(dir: string, name: string): Promise<NodeProfile> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 500 })
  await session.post('Profiler.start')
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop')
      session.disconnect()
      mkdirSync(dir, { recursive: true })
      const path = join(dir, `${name}.cpuprofile`)
      writeFileSync(path, JSON.stringify(profile))
      return path
    },
  }
}
