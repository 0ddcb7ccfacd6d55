/**
 * axe-core on the page as the user sees it once it has settled. Element Plus fades dialogs,
 * tags and themes in; axe measuring colours mid-fade reports contrasts of neither theme, so
 * every finite animation and transition is let finish first (spinners loop and are left alone).
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'

export interface Violation {
  rule: string
  impact: string
  targets: string[]
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 10_000 },
  )
}

/** The critical and serious violations on the page (or inside `include`). */
export async function seriousViolations(page: Page, include?: string): Promise<Violation[]> {
  await settled(page)
  const builder = new AxeBuilder({ page })
  const result = await (include ? builder.include(include) : builder).analyze()
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => ({ rule: v.id, impact: v.impact ?? '', targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.html.slice(0, 160)}`) }))
}
