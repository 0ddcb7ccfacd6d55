import { mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../electron/core/log/logger'

describe('log redaction', () => {
  it('censors secret fields and known secret values, in messages and errors too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-log-'))
    const { logger, close } = createLogger(dir, 'info', () => ['tok-live-123456'])
    logger.info({ params: { Password: 'hunter22', AppSecret: 'sec-xyz' }, note: 'token tok-live-123456 used' }, 'call tok-live-123456')
    logger.error({ err: new Error('failed with tok-live-123456') }, 'boom')
    await close()
    const text = readFileSync(join(dir, 'logs', 'desk.log'), 'utf8')
    for (const secret of ['hunter22', 'sec-xyz', 'tok-live-123456']) expect(text).not.toContain(secret)
    expect(text).toContain('[redacted]')
    expect(text).toContain('failed with [redacted]')
  })

  it('censors password fields in any spelling and passwords in free text, in a file only the user can read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-log-'))
    const { logger, close } = createLogger(dir, 'info', () => [])
    logger.info({ params: { PassWord: 'pw-aaa-111', NewPassword: 'pw-bbb-222', UserPassword: 'pw-ccc-333', Remark: 'password: pw-ddd-444' } }, 'call')
    await close()
    const file = join(dir, 'logs', 'desk.log')
    const text = readFileSync(file, 'utf8')
    for (const secret of ['pw-aaa-111', 'pw-bbb-222', 'pw-ccc-333', 'pw-ddd-444']) expect(text).not.toContain(secret)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700)
  })

  it('writes every line on close and lets go of the file: a closed desk holds no descriptor on its log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-log-'))
    const file = join(dir, 'logs', 'desk.log')
    const holding = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === file
      } catch {
        return false // the directory listing's own descriptor is gone by now
      }
    }).length
    const { logger, close } = createLogger(dir, 'info', () => [])
    for (let i = 0; i < 500; i++) logger.info({ i }, 'line')
    await vi.waitFor(() => expect(holding()).toBe(1)) // the stream opens its file asynchronously
    await close()
    logger.info('after the close') // dropped, not an error
    expect(holding()).toBe(0)
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(500)
    expect(JSON.parse(lines[499]!)).toMatchObject({ i: 499, msg: 'line' })
  })
})
