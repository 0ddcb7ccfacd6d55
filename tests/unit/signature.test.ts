import { describe, expect, it } from 'vitest'
import { canonicalString, signAppApi } from '../../electron/core/api/signature'

// The reference's worked example (seed lines 302-398), with the masked key and secret
// taken literally: AppKey with four asterisks and a lower-case d, as in its sorted list.
const EXAMPLE = {
  RequestId: '8b8d499bbba1ac28b6da21b4',
  Action: 'AppCreateCellphoneUser',
  AppKey: 'ahPxdK****TGrejd',
  Timestamp: 1546315200,
  Nonce: 71087795,
  CountryCode: '86',
  PhoneNumber: '13900000000',
  Password: 'My!P@ssword',
  VerificationCode: '123456',
}

describe('appapi signature', () => {
  it("reproduces the reference's worked example", () => {
    // The document prints ...Qs703l... with a zero where the letter O belongs.
    expect(signAppApi(EXAMPLE, 'NcbHqk****TCGbKnQH')).toBe('Szxai9Qs7O3lBoOXahbFbseZ+uE=')
  })

  it('sorts by name, keeps raw values and leaves Signature out', () => {
    expect(canonicalString({ ...EXAMPLE, Signature: 'x' })).toBe(
      'Action=AppCreateCellphoneUser&AppKey=ahPxdK****TGrejd&CountryCode=86&Nonce=71087795' +
        '&Password=My!P@ssword&PhoneNumber=13900000000&RequestId=8b8d499bbba1ac28b6da21b4' +
        '&Timestamp=1546315200&VerificationCode=123456',
    )
  })

  it('turns _ in names into . and omits empty strings', () => {
    expect(canonicalString({ b_c: 'x y', a: '', z: 0 })).toBe('b.c=x y&z=0')
  })

  it('changes when any value changes', () => {
    const base = signAppApi(EXAMPLE, 'secret')
    expect(signAppApi({ ...EXAMPLE, Nonce: 71087796 }, 'secret')).not.toBe(base)
    expect(signAppApi(EXAMPLE, 'secret2')).not.toBe(base)
  })
})
