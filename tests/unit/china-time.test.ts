import { describe, expect, it } from 'vitest'
import { CHINA_OFFSET_MS, CHINA_TIME_ZONE, chinaDateStart, chinaDayOf, chinaDayStart, chinaRfc3339 } from '../../shared/time/china-time'

const utc = (iso: string) => Date.parse(iso)

describe('China Standard Time', () => {
  it('prints RFC 3339 with +08:00 as the reference does, with milliseconds on request', () => {
    expect(chinaRfc3339(utc('2023-07-13T06:19:48.123Z'))).toBe('2023-07-13T14:19:48+08:00')
    expect(chinaRfc3339(utc('2023-07-13T06:19:48.123Z'), true)).toBe('2023-07-13T14:19:48.123+08:00')
    // Late evening UTC is already the next day in China.
    expect(chinaRfc3339(utc('2021-01-13T16:30:00Z'))).toBe('2021-01-14T00:30:00+08:00')
  })

  it("cuts days at China's midnight: the reference's 1610607600 lies in 2021-01-14", () => {
    const day = chinaDayOf(1610607600)
    expect(chinaDayStart(day)).toBe(utc('2021-01-13T16:00:00Z') / 1000)
    expect(chinaDateStart('2021-01-14')).toBe(chinaDayStart(day))
    expect(chinaDayOf(utc('2021-01-13T15:59:59Z') / 1000)).toBe(day - 1)
  })

  it('agrees with the IANA zone it names (no daylight saving, in winter or summer)', () => {
    for (const iso of ['2024-01-15T12:00:00Z', '2024-07-15T12:00:00Z']) {
      const hour = new Intl.DateTimeFormat('en-GB', { timeZone: CHINA_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso))
      expect(Number(hour)).toBe(new Date(utc(iso) + CHINA_OFFSET_MS).getUTCHours())
    }
  })
})
