/** Names users give families and rooms. */
import { invalidParam } from '../api/errors'

/**
 * The reference states no limits; the sandbox takes 1 to 64 characters after trimming
 * for names and at most 256 for an address (sandbox choice), and refuses others with
 * InvalidParameterValue, the only non-token code the Family Management tables list.
 */
export const MAX_NAME = 64
export const MAX_ADDRESS = 256

export function checkName(param: string, value: string): string {
  const name = value.trim()
  const length = [...name].length
  if (length < 1 || length > MAX_NAME) throw invalidParam(`${param} must be 1 to ${MAX_NAME} characters.`)
  return name
}

export function checkAddress(value: string): string {
  const address = value.trim()
  if ([...address].length > MAX_ADDRESS) throw invalidParam(`Address must be at most ${MAX_ADDRESS} characters.`)
  return address
}
