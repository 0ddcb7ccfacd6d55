import { describe, expect, it } from 'vitest'
import { redact, scrubValues, secretValuesIn } from '../../electron/core/log/redaction'

describe('redaction', () => {
  it('censors secret-named fields in any spelling, at any depth', () => {
    const params = {
      PassWord: 'pw-one-111',
      NewPassword: 'pw-two-222',
      UserPassword: 'pw-three-333',
      old_passwd: 'pw-four-444',
      ShareDeviceToken: 'share-tok-555',
      AppSecret: 'app-secret-666',
      Nested: [{ loginTicket: 'ticket-777' }],
      DeviceName: 'lamp',
    }
    const text = JSON.stringify(redact(params))
    for (const secret of ['pw-one-111', 'pw-two-222', 'pw-three-333', 'pw-four-444', 'share-tok-555', 'app-secret-666', 'ticket-777']) {
      expect(text).not.toContain(secret)
    }
    expect(text).toContain('lamp')
  })

  it("cuts a secret field's value out of the free text next to it, and a password written in a sentence", () => {
    const out = JSON.stringify(
      redact({ NewPassword: 'Hunter2-Secret', Remark: 'changed it to Hunter2-Secret today', Note: 'temporary password: Zebra-Cloud-9', Zh: '新密码：Tiger-River-42' }),
    )
    for (const secret of ['Hunter2-Secret', 'Zebra-Cloud-9', 'Tiger-River-42']) expect(out).not.toContain(secret)
    expect(out).toContain('changed it to [redacted] today')
  })

  it('finds the password inside a remembered sign-in kept as JSON text', () => {
    expect(secretValuesIn([JSON.stringify({ method: 'email', email: 'a@b.c', password: 'stored-pass-1' })])).toEqual(['stored-pass-1'])
  })

  it('scrubs known values from what the page gets, and leaves the rest alone', () => {
    const page = scrubValues({ ok: true, result: { ShareToken: 'visible-share', message: 'token live-token-123 refused' } }, ['live-token-123'])
    expect(page).toEqual({ ok: true, result: { ShareToken: 'visible-share', message: 'token [redacted] refused' } })
  })

  it('finds a known secret however deep a push batch holds it, and sends a clean batch as it is', () => {
    const batch = Array.from({ length: 1000 }, (_, i) => ({ deviceId: `P/d${i}`, kind: 'property', values: { note: 'fine', list: [1, 'a'] } }))
    expect(scrubValues(batch, ['live-token-123'])).toBe(batch)
    const leaking = [...batch, { deviceId: 'P/x', kind: 'property', values: { deep: [{ text: 'sent live-token-123 here' }] } }]
    const scrubbed = scrubValues(leaking, ['live-token-123'])
    expect(scrubbed.at(-1)).toEqual({ deviceId: 'P/x', kind: 'property', values: { deep: [{ text: 'sent [redacted] here' }] } })
    expect(JSON.stringify(scrubbed)).not.toContain('live-token-123')
  })
})
