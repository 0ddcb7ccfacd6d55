/** Every conformance case, by action group. Each group's file adds its cases here. */
import type { ConformanceCase, WsConformanceCase } from './types'

export const HTTP_CASES: ConformanceCase[] = []

export const WS_CASES: WsConformanceCase[] = []
