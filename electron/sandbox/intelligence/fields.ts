/** Reading the loosely typed objects inside Actions and Conditions (the params layer checks only the top level). */
import { invalidParam } from '../api/errors'
import { toInteger } from '../api/params'

type Item = Readonly<Record<string, unknown>>

/** A non-empty string; ids may arrive as numbers, as elsewhere in the reference. */
export function requiredText(item: Item, name: string, where: string): string {
  const value = item[name]
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string' || value.trim() === '') throw invalidParam(`${where}.${name} must be a non-empty string.`)
  return value
}

/** An optional display string (AliasName, IconUrl); absent or empty gives undefined. */
export function optionalText(item: Item, name: string, where: string): string | undefined {
  const value = item[name]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') throw invalidParam(`${where}.${name} must be a string.`)
  return value
}

export function requiredInteger(item: Item, name: string, where: string): number {
  const value = toInteger(item[name])
  if (value === undefined) throw invalidParam(`${where}.${name} must be an integer.`)
  return value
}

/** A 0/1 switch such as Repeat, Status or MatchType. */
export function flag(value: unknown, name: string): 0 | 1 {
  const n = toInteger(value)
  if (n !== 0 && n !== 1) throw invalidParam(`${name} must be 0 or 1.`)
  return n
}
