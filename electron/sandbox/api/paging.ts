/** Offset/Limit paging shared by the list actions. */
import { invalidParam, type ApiError } from './errors'
import type { ParamValues } from './params'

export interface Page {
  offset: number
  limit: number
}

/**
 * Reads Offset/Limit. The reference gives maxima (50 for families, rooms and family
 * devices) but no defaults; the sandbox defaults to Offset 0 and Limit 20 and refuses a
 * Limit outside 1..max or a negative Offset with InvalidParameterValue.
 */
export function readPage(values: ParamValues, maxLimit: number, defaultLimit = 20): Page {
  const offset = (values.Offset as number | undefined) ?? 0
  const limit = (values.Limit as number | undefined) ?? Math.min(defaultLimit, maxLimit)
  if (offset < 0) throw pageError(`Offset must be 0 or more, not ${offset}.`)
  if (limit < 1 || limit > maxLimit) throw pageError(`Limit must be from 1 to ${maxLimit}, not ${limit}.`)
  return { offset, limit }
}

export function slicePage<T>(items: readonly T[], page: Page): T[] {
  return items.slice(page.offset, page.offset + page.limit)
}

function pageError(message: string): ApiError {
  return invalidParam(message)
}
