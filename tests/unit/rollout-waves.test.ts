import { describe, expect, it } from 'vitest'
import { canaryFirst, waveOfEach, waveSizes } from '../../electron/core/rollout/waves'

describe('wave planning', () => {
  it('a canary of N, then cumulative percentage steps of the fleet', () => {
    expect(waveSizes(1000, 5, [10, 50, 100])).toEqual([5, 95, 400, 500])
    expect(waveSizes(200, 1, [25, 100])).toEqual([1, 49, 150])
  })

  it('adds the last step (100) when the plan leaves it out', () => {
    expect(waveSizes(100, 2, [10, 50])).toEqual([2, 8, 40, 50])
  })

  it('drops empty waves: a canary bigger than the first step, tiny fleets, no canary', () => {
    expect(waveSizes(100, 20, [10, 50])).toEqual([20, 30, 50])
    expect(waveSizes(3, 1, [10, 50, 100])).toEqual([1, 1, 1])
    expect(waveSizes(1, 5, [10])).toEqual([1])
    expect(waveSizes(50, 0, [100])).toEqual([50])
    expect(waveSizes(0, 5, [10])).toEqual([])
  })

  it('rounds steps up, so each wave holds at least the share asked for', () => {
    const sizes = waveSizes(7, 0, [33, 66])
    expect(sizes).toEqual([3, 2, 2])
    expect(sizes.reduce((a, b) => a + b)).toBe(7)
  })

  it('draws the canary across products, then keeps the given order', () => {
    const devices = ['L1', 'L2', 'L3', 'P1', 'P2', 'C1'].map((id) => ({ id, product: id[0]! }))
    const ordered = canaryFirst(devices, 4, (d) => d.product).map((d) => d.id)
    expect(ordered).toEqual(['L1', 'P1', 'C1', 'L2', 'L3', 'P2'])
    expect(canaryFirst(devices, 0, (d) => d.product).map((d) => d.id)).toEqual(devices.map((d) => d.id))
    expect(canaryFirst(devices, 99, (d) => d.product)).toHaveLength(6)
  })

  it('labels each position with its wave', () => {
    expect(waveOfEach([2, 1, 3])).toEqual([0, 0, 1, 2, 2, 2])
  })
})
