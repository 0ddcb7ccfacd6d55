import { describe, expect, it, vi } from 'vitest'
import { pagePdf } from '../../electron/main/page-pdf'

describe("the window's page as PDF", () => {
  it("prints the current window's page on A4 without backgrounds, the page's own @page size first", async () => {
    const printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7'))
    const pdf = await pagePdf(() => ({ printToPDF })).printPage()
    expect(pdf.toString()).toBe('%PDF-1.7')
    expect(printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: false, preferCSSPageSize: true })
  })

  it('says so when there is no window to print', async () => {
    await expect(pagePdf(() => null).printPage()).rejects.toThrow('There is no window to print.')
  })
})
