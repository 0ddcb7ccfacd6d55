/** Every conformance case, by action group. Each group's file adds its cases here. */
import { DATA_QUERY_CASES } from './data-query.cases'
import { DEVICES_CASES } from './devices.cases'
import { FIRMWARE_CASES } from './firmware.cases'
import { HOMES_CASES } from './homes.cases'
import { INTELLIGENCE_CASES } from './intelligence.cases'
import { MEDIA_CASES } from './media.cases'
import type { ConformanceCase, WsConformanceCase } from './types'
import { WEBSOCKET_CASES } from './websocket.cases'

export const HTTP_CASES: ConformanceCase[] = [...HOMES_CASES, ...DEVICES_CASES, ...INTELLIGENCE_CASES, ...MEDIA_CASES, ...DATA_QUERY_CASES, ...FIRMWARE_CASES]

export const WS_CASES: WsConformanceCase[] = [...WEBSOCKET_CASES]
