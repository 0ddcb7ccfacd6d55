import { describe, expect, it } from 'vitest'
import { SeqFilter } from '../../electron/core/push/seq-filter'

describe('SeqFilter (pushes the cloud repeats after a reconnect)', () => {
  it('drops a Seq seen within the window, per device', () => {
    const seen = new SeqFilter(3)
    expect([1, 2, 1, 3].map((seq) => seen.isNew('P/a', seq))).toEqual([true, true, false, true])
    expect(seen.isNew('P/b', 1)).toBe(true)
  })

  it('forgets the oldest Seq once the window is full, so a cloud that restarts its numbering is heard again', () => {
    const seen = new SeqFilter(3)
    for (const seq of [1, 2, 3, 4, 5]) seen.isNew('P/a', seq)
    expect(seen.isNew('P/a', 1)).toBe(true) // 1 and 2 left the window
    expect(seen.isNew('P/a', 4)).toBe(false) // 3, 4, 5 → 4, 5, 1: 4 is still there
    expect(seen.isNew('P/a', 3)).toBe(true)
    expect(seen.isNew('P/a', 5)).toBe(false)
  })

  it('lets a push without a usable Seq through', () => {
    const seen = new SeqFilter()
    expect(seen.isNew('P/a', Number.NaN)).toBe(true)
    expect(seen.isNew('P/a', Number.NaN)).toBe(true)
  })
})
