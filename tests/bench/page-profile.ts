/** A page's CPU profile over a stretch of a benchmark, summed as self time per function (the hottest printed on stderr). */
import type { Page } from 'playwright-core'

/** Starts profiling the page; the function returned stops and prints the `top` hottest functions. */
export async function startPageProfile(page: Page, top = 30): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.start')
  return async () => {
    const { profile } = await cdp.send('Profiler.stop')
    const self = new Map<string, number>()
    const byId = new Map(profile.nodes.map((n) => [n.id, n]))
    ;(profile.samples ?? []).forEach((id, i) => {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame
      const key = `${functionName || '(anon)'} ${url.split('/').pop()}:${lineNumber}`
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000)
    })
    const script = [...self].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).reduce((sum, [, ms]) => sum + ms, 0)
    console.error(`${script.toFixed(0)}ms script in all (without idle and program)`)
    console.error([...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${v.toFixed(0)}ms ${k}`).join('\n'))
  }
}
