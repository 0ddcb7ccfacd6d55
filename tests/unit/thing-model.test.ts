import { describe, expect, it } from 'vitest'
import { readThingModel, valueLabel } from '../../shared/thing-model'
import { buildProducts } from '../../electron/sandbox/world/products'

const light = {
  properties: [
    { id: 'power_switch', name: '电灯开关', mode: 'rw', define: { type: 'bool', mapping: { '0': '关', '1': '开' } } },
    { id: 'brightness', name: '亮度', mode: 'rw', define: { type: 'int', min: '0', max: '100', step: '1', start: '0', unit: '%' } },
    { id: 'color', name: '颜色', mode: 'r', define: { type: 'enum', mapping: { '0': 'Red', '1': 'Green' } } },
    { id: 'pos', name: 'Position', mode: 'rw', define: { type: 'struct', specs: [{ id: 'x', name: 'X', dataType: { type: 'float', min: '-1.5', max: '1.5', step: '0.1', unit: 'm' } }] } },
    { id: 'broken', define: { type: 'martian' } },
  ],
  events: [{ id: 'low_battery', name: 'Low battery', type: 'alert', params: [{ id: 'level', name: 'Level', define: { type: 'int', min: '0', max: '100' } }] }],
  actions: [{ id: 'blink', name: 'Blink', input: [{ id: 'times', name: 'Times', define: { type: 'int', min: '1', max: '9' } }], output: [] }],
}

describe('thing model', () => {
  it('reads bounds as numbers, mappings as labels, struct members, events and actions', () => {
    const model = readThingModel(light)
    expect(model.properties.map((p) => p.id)).toEqual(['power_switch', 'brightness', 'color', 'pos'])
    expect(model.properties[1]).toMatchObject({ mode: 'rw', spec: { type: 'int', min: 0, max: 100, step: 1, unit: '%' } })
    expect(model.properties[2]!.mode).toBe('r')
    expect(model.properties[3]!.spec).toEqual({ type: 'struct', unit: '', members: [{ id: 'x', name: 'X', spec: { type: 'float', min: -1.5, max: 1.5, step: 0.1, mapping: {}, unit: 'm' } }] })
    expect(model.events[0]).toMatchObject({ id: 'low_battery', type: 'alert', params: [{ id: 'level', spec: { type: 'int', max: 100 } }] })
    expect(model.actions[0]!.input[0]).toMatchObject({ id: 'times', spec: { min: 1, max: 9 } })
  })

  it('accepts the template as JSON text and survives junk', () => {
    expect(readThingModel(JSON.stringify(light)).properties).toHaveLength(4)
    expect(readThingModel('{not json')).toEqual({ properties: [], events: [], actions: [] })
    expect(readThingModel(null)).toEqual({ properties: [], events: [], actions: [] })
    expect(readThingModel({ properties: 'x', events: [1, null] })).toEqual({ properties: [], events: [], actions: [] })
  })

  it('labels bool and enum values by their mapping', () => {
    const [power, brightness] = readThingModel(light).properties
    expect(valueLabel(power!.spec, 1)).toBe('开')
    expect(valueLabel(brightness!.spec, 42)).toBe('42')
  })

  it('reads every product of the sandbox catalogue without losing a property', () => {
    for (const product of buildProducts(0)) {
      const template = product.dataTemplate
      const model = readThingModel(product.dataTemplate)
      expect(model.properties).toHaveLength(template.properties.length)
      expect(model.events).toHaveLength(template.events.length)
      expect(model.actions).toHaveLength(template.actions.length)
    }
  })
})
