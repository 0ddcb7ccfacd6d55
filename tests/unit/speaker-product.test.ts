import { describe, expect, it } from 'vitest'
import { isSpeakerProduct } from '../../shared/speaker'
import { readThingModel } from '../../shared/thing-model'
import { buildProducts, PRODUCT_IDS } from '../../electron/sandbox/world/products'

const model = (ids: string[]) => readThingModel({ properties: ids.map((id) => ({ id, name: id, mode: 'rw', define: { type: 'int', min: '0', max: '100' } })), events: [], actions: [] })

describe('which products get the music panel', () => {
  it('a volume with a playback property, or a product named a speaker', () => {
    expect(isSpeakerProduct({ name: 'Box', description: '', thingModel: model(['volume', 'pause_play']) })).toBe(true)
    expect(isSpeakerProduct({ name: '智能音箱', description: '', thingModel: model([]) })).toBe(true)
    expect(isSpeakerProduct({ name: 'Smart Speaker', description: '', thingModel: model([]) })).toBe(true)
  })
  it('not a light, nor a TV with only a volume', () => {
    expect(isSpeakerProduct({ name: 'Smart Light', description: 'Dimmable colour light', thingModel: model(['power_switch', 'brightness']) })).toBe(false)
    expect(isSpeakerProduct({ name: 'TV', description: '', thingModel: model(['volume']) })).toBe(false)
  })
  it('in the sandbox catalogue only the Smart Speaker, by its template alone', () => {
    const products = buildProducts(0).map((p) => ({ id: p.productId, name: p.name, description: p.description, thingModel: readThingModel(p.dataTemplate) }))
    expect(products.filter((p) => isSpeakerProduct(p)).map((p) => p.id)).toEqual([PRODUCT_IDS.speaker])
    const unnamed = products.find((p) => p.id === PRODUCT_IDS.speaker)!
    expect(isSpeakerProduct({ ...unnamed, name: 'Model S600', description: '' })).toBe(true)
  })
})
