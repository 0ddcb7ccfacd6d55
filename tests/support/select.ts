import type { Locator } from 'playwright-core'

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Picks the option labelled exactly `label` of an Element Plus select, as a user does: opens
 * it, then clicks the option in that select's own listbox (its input's aria-controls), never a
 * look-alike in another select's dropdown still fading out. A dropdown still closing from the
 * last choice is let close first (clicked mid-fade, it shuts); one that shut again before the
 * click (seen under CI load) is opened anew, up to three times. A filterable select gets the
 * label typed first: a virtual one (el-select-v2) draws only the options in view.
 */
export async function chooseOption(select: Locator, label: string): Promise<void> {
  const listboxId = await select.locator('input[aria-controls]').first().getAttribute('aria-controls')
  if (!listboxId) throw new Error(`the select for "${label}" names no listbox`)
  const listbox = select.page().locator(`[id="${listboxId}"]`)
  const option = listbox.getByRole('option').filter({ hasText: new RegExp(`^\\s*${escape(label)}\\s*$`) }).first()
  for (let attempt = 1; ; attempt++) {
    await listbox.waitFor({ state: 'hidden', timeout: 5_000 })
    await select.click()
    const input = select.locator('input[aria-controls]').first()
    if ((await input.getAttribute('readonly')) === null) await input.fill(label)
    try {
      await option.click({ timeout: 10_000 })
      return
    } catch (error) {
      if (attempt === 3) throw error
    }
  }
}
