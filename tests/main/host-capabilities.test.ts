import { describe, expect, it, vi } from 'vitest'
import { hostCapabilities } from '../../electron/main/host-capabilities'

describe('host capabilities', () => {
  const base = () => ({
    openPath: vi.fn(async () => ''),
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/home/u/Desktop/bundle.zip' })),
    downloadsDir: '/home/u/Downloads',
    write: vi.fn(async () => {}),
  })

  it('saves where the user chose in the dialog, starting in Downloads with the suggested name', async () => {
    const deps = base()
    const host = hostCapabilities(deps)
    const data = Buffer.from('zip')
    expect(await host.saveFile!('explorer-desk-support.zip', data)).toBe('/home/u/Desktop/bundle.zip')
    expect(deps.showSaveDialog).toHaveBeenCalledWith({ defaultPath: expect.stringMatching(/Downloads[/\\]explorer-desk-support\.zip$/), filters: [{ name: 'ZIP', extensions: ['zip'] }] })
    expect(deps.write).toHaveBeenCalledWith('/home/u/Desktop/bundle.zip', data)
  })

  it('writes nothing when the dialog is cancelled', async () => {
    const deps = { ...base(), showSaveDialog: vi.fn(async () => ({ canceled: true })) }
    expect(await hostCapabilities(deps).saveFile!('a.zip', Buffer.from('x'))).toBeNull()
    expect(deps.write).not.toHaveBeenCalled()
  })

  it('opens a folder through the shell and passes its complaint on', async () => {
    const deps = { ...base(), openPath: vi.fn(async () => 'Failed to open path') }
    expect(await hostCapabilities(deps).openPath!('/data')).toBe('Failed to open path')
    expect(deps.openPath).toHaveBeenCalledWith('/data')
  })

  it("offers the window's page as PDF when main gives it, and nothing of the kind otherwise", async () => {
    const pdf = { printPage: vi.fn(async () => Buffer.from('%PDF')) }
    expect(hostCapabilities({ ...base(), pdf }).pdf).toBe(pdf)
    expect(hostCapabilities(base()).pdf).toBeUndefined()
  })
})
