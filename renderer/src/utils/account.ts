export type SignInMethod = 'email' | 'phone' | 'wechat'

export interface AccountGuess {
  method: SignInMethod
  email?: string
  countryCode?: string
  phoneNumber?: string
  nickname?: string
}

/**
 * Turn the account a session showed ("a@b.c", "+86 13800000000", a WeChat nickname) back
 * into form fields, so signing in again needs only the password.
 */
export function guessAccount(account: string | null | undefined): AccountGuess | null {
  const value = account?.trim()
  if (!value) return null
  if (/^[^\s@]+@[^\s@]+$/.test(value)) return { method: 'email', email: value }
  const phone = /^\+?(\d{1,4})[\s-]+(\d{4,20})$/.exec(value)
  if (phone) return { method: 'phone', countryCode: phone[1], phoneNumber: phone[2] }
  if (/^\d{4,20}$/.test(value)) return { method: 'phone', phoneNumber: value }
  return { method: 'wechat', nickname: value }
}
