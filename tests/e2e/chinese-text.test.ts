import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, PRODUCT_IDS } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'

/**
 * The device page in Chinese, as a Linux machine draws it: every Chinese character must be a
 * real glyph, not the font's missing-glyph box. Missing glyphs all draw the same box, so two
 * different characters drawn in the page's own font must give different pictures.
 */
describe('Chinese text on the device page', () => {
  let app: RunningApp
  const shotDir = mkdtempSync(join(tmpdir(), 'desk-zh-'))

  beforeAll(async () => {
    app = await startApp({ locale: 'zh-CN' })
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
    const { family } = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!
    const light = app.sandbox.world.devicesIn(family.familyId).find((d) => d.productId === PRODUCT_IDS.light)!
    await navigate(app.page, `#/families/${family.familyId}/devices/${encodeURIComponent(light.deviceId)}`)
    await app.page.getByTestId('device-detail').waitFor()
  })
  afterAll(async () => {
    await app?.close()
    rmSync(shotDir, { recursive: true, force: true })
  })

  it('draws its Chinese labels with real glyphs, not empty boxes', async () => {
    const shot = await app.page.screenshot({ fullPage: true })
    writeFileSync(join(shotDir, 'device-zh-CN.png'), shot)
    expect(shot.length).toBeGreaterThan(10_000)

    const found = await app.page.evaluate(() => {
      // Two different Han characters of the page's text, each drawn in its element's font.
      const han = /\p{Script=Han}/u
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      const picked: { char: string; font: string }[] = []
      for (let node = walker.nextNode(); node && picked.length < 6; node = walker.nextNode()) {
        const parent = node.parentElement
        if (!parent || parent.getClientRects().length === 0) continue
        const style = getComputedStyle(parent)
        for (const char of node.textContent ?? '') {
          if (han.test(char) && !picked.some((p) => p.char === char)) picked.push({ char, font: `${style.fontSize} ${style.fontFamily}` })
        }
      }
      const draw = ({ char, font }: { char: string; font: string }) => {
        const canvas = document.createElement('canvas')
        canvas.width = canvas.height = 64
        const ctx = canvas.getContext('2d')!
        ctx.font = font.replace(/^[\d.]+px/, '48px')
        ctx.fillStyle = '#000'
        ctx.textBaseline = 'top'
        ctx.fillText(char, 4, 4)
        return Array.from(ctx.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3)).join(',')
      }
      const pictures = picked.map(draw)
      return { chars: picked.map((p) => p.char), distinct: new Set(pictures).size, inked: pictures.filter((p) => /[1-9]/.test(p)).length }
    })
    expect(found.chars.length, found.chars.join('')).toBeGreaterThanOrEqual(2)
    expect(found.inked).toBe(found.chars.length)
    // Every different character draws a different picture: no shared missing-glyph box.
    expect(found.distinct, found.chars.join('')).toBe(found.chars.length)
  })
})
