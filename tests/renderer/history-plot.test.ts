import { describe, expect, it } from 'vitest'
import type { PropertySpec, ScalarSpec, ThingModel } from '@shared/thing-model'
import { buildPlot, nearestIndex, pointLabel, type HistoryInput } from '@/utils/history-series'
import { visibleCount, visibleCsv } from '@/utils/history-csv'
import { parseIdList, presetRange } from '@/utils/history-range'
import { defaultProperties, groupProperties, leftOutDevices, type DeviceWithModel } from '@/utils/history-properties'
import { chartOption, tooltipHtml, type EventMarker } from '@/components/history/chart-option'
import type { ChartTheme } from '@/components/history/chart-theme'

const scalar = (type: ScalarSpec['type'], extra: Partial<ScalarSpec> = {}): ScalarSpec => ({ type, mapping: {}, unit: '', ...extra })
const prop = (id: string, spec: PropertySpec['spec'], name = id): PropertySpec => ({ id, name, desc: '', mode: 'r', spec })

const temperature = prop('temperature', scalar('float', { unit: '°C' }), 'Temperature')
const outdoor = prop('outdoor', scalar('float', { unit: '°C' }), 'Outdoor')
const humidity = prop('humidity', scalar('int', { unit: '%' }), 'Humidity')
const power = prop('power_switch', scalar('bool', { mapping: { '0': 'off', '1': 'on' } }), 'Switch')
const color = prop('color', scalar('enum', { mapping: { '2': 'Blue', '0': 'Red', '1': 'Green' } }), 'Color')
const mode = prop('mode', scalar('stringenum', { mapping: { auto: 'Auto', eco: 'Eco' } }), 'Mode')
const label = prop('name', scalar('string'), 'Name')

function input(property: PropertySpec, times: number[], values: (number | string)[], deviceId = 'P/dev1'): HistoryInput {
  return { deviceId, deviceLabel: deviceId.split('/')[1]!, property, times, values }
}

describe('history plot', () => {
  it('gives numbers one y-axis per unit and packs [time, value] pairs', () => {
    const plot = buildPlot([input(temperature, [1, 2], [20.5, 21]), input(humidity, [1], [40]), input(outdoor, [3], [5])])
    expect(plot.axes.map((a) => a.key)).toEqual(['unit:°C', 'unit:%'])
    expect(plot.series.map((s) => [s.kind, s.axisIndex])).toEqual([['line', 0], ['line', 1], ['line', 0]])
    expect([...plot.series[0]!.xy]).toEqual([1, 20.5, 2, 21])
    expect(plot.pointCount).toBe(4)
  })

  it('draws bool and enum as step lines on an axis labelled by the mapping, in value order', () => {
    const plot = buildPlot([input(power, [1, 2], [0, 1]), input(color, [1], [2])])
    expect(plot.series.map((s) => s.kind)).toEqual(['step', 'step'])
    expect(plot.axes[0]!.ticks).toEqual([{ value: 0, label: 'off' }, { value: 1, label: 'on' }])
    expect(plot.axes[1]!.ticks).toEqual([{ value: 0, label: 'Red' }, { value: 1, label: 'Green' }, { value: 2, label: 'Blue' }])
    const option = chartOption({ plot, events: [], fromMs: 0, toMs: 10, theme, texts })
    const series = option.series as Record<string, unknown>[]
    expect(series[0]).toMatchObject({ type: 'line', step: 'end' })
    const yAxis = option.yAxis as { axisLabel: { formatter: (v: number) => string }; min: number; max: number }[]
    expect([0, 1, 2].map((v) => yAxis[1]!.axisLabel.formatter(v))).toEqual(['Red', 'Green', 'Blue'])
    expect([yAxis[1]!.min, yAxis[1]!.max]).toEqual([0, 2])
  })

  it('plots stringenum values at their tick and labels them', () => {
    const plot = buildPlot([input(mode, [1, 2, 3], ['eco', 'auto', 'unknown'])])
    expect(plot.axes[0]!.ticks.map((t) => t.label)).toEqual(['Auto', 'Eco'])
    expect([...plot.series[0]!.xy]).toEqual([1, 1, 2, 0, 3, Number.NaN])
    expect(pointLabel(plot.series[0]!, 'eco')).toBe('Eco (eco)')
  })

  it('shares one axis between devices with the same mapping and names series by device when comparing', () => {
    const plot = buildPlot([input(power, [1], [1], 'P/hall'), input(power, [1], [0], 'P/kitchen')])
    expect(plot.axes).toHaveLength(1)
    expect(plot.series.map((s) => s.name)).toEqual(['hall · Switch', 'kitchen · Switch'])
  })

  it('shows strings as marks, one strip row each, with their text kept for tooltips', () => {
    const plot = buildPlot([input(label, [5, 6], ['Desk lamp', 'Lamp']), input(temperature, [5], [20])])
    expect(plot.series[0]).toMatchObject({ kind: 'mark', texts: ['Desk lamp', 'Lamp'] })
    expect([...plot.series[0]!.xy]).toEqual([5, 0, 6, 0])
    const option = chartOption({ plot, events: [], fromMs: 0, toMs: 10, theme, texts })
    expect((option.series as Record<string, unknown>[])[0]).toMatchObject({ type: 'scatter', large: true })
  })

  it('samples lines with LTTB and keeps the x-axis on the asked range', () => {
    const plot = buildPlot([input(temperature, [1, 2], [1, 2])])
    const option = chartOption({ plot, events: [], fromMs: 100, toMs: 900, theme, texts })
    expect((option.series as Record<string, unknown>[])[0]).toMatchObject({ sampling: 'lttb', showSymbol: false })
    expect(option.xAxis).toMatchObject({ type: 'time', min: 100, max: 900 })
    expect(option.dataZoom).toEqual([expect.objectContaining({ type: 'inside' }), expect.objectContaining({ type: 'slider' })])
  })

  it('marks events by type in the theme colours, one vertical line each', () => {
    const events: EventMarker[] = [
      { timeMs: 5, deviceLabel: 'dev1', name: 'Low battery', type: 'alert', data: '{}' },
      { timeMs: 6, deviceLabel: 'dev1', name: 'Fault', type: 'fault', data: '{}' },
      { timeMs: 7, deviceLabel: 'dev1', name: 'Report', type: 'info', data: '{}' },
      { timeMs: 8, deviceLabel: 'dev1', name: 'Low battery', type: 'alert', data: '{}' },
    ]
    const option = chartOption({ plot: buildPlot([]), events, fromMs: 0, toMs: 10, theme, texts })
    const series = option.series as { id: string; name: string; itemStyle: { color: string }; data: unknown[]; markLine: { data: unknown[] } }[]
    expect(series.map((s) => [s.id, s.name, s.itemStyle.color, s.data.length, s.markLine.data.length])).toEqual([
      ['events:info', 'info!', 'blue', 1, 1],
      ['events:alert', 'alert!', 'orange', 2, 2],
      ['events:fault', 'fault!', 'red', 1, 1],
    ])
  })

  it('tooltips give the exact time and the label of the nearest reported value, escaped', () => {
    const plot = buildPlot([input(color, [1000, 2000], [0, 2]), input(prop('note', scalar('string')), [1990], ['<b>x</b>'])])
    const html = tooltipHtml({ plot, texts }, [
      { seriesIndex: 0, value: [1990, 2] },
      { seriesIndex: 1, value: [1990, 0] },
    ])
    expect(html).toContain('<b>t1990</b>')
    expect(html).toContain('Color: Blue (2) <small>t2000</small>')
    expect(html).toContain('note: &#60;b&#62;x&#60;/b&#62;')
  })

  it('finds the nearest point', () => {
    expect(nearestIndex([10, 20, 30], 24)).toBe(1)
    expect(nearestIndex([10, 20, 30], 26)).toBe(2)
    expect(nearestIndex([10, 20, 30], -5)).toBe(0)
    expect(nearestIndex([], 5)).toBe(-1)
  })
})

describe('CSV of the visible window', () => {
  const series = [
    { deviceId: 'P/a', property: { id: 'temperature' }, times: [1000, 2000, 3000, 4000], values: [1, 2, 3, 4] },
    { deviceId: 'P/a', property: { id: 'name' }, times: [2500], values: ['Hall, "north"'] },
  ]

  it('holds the points within the window, both ends included, as time,device,property,value', () => {
    const csv = visibleCsv(series, { fromMs: 2000, toMs: 3000 })
    expect(csv.split('\r\n')).toEqual([
      'time,device,property,value',
      '1970-01-01T00:00:02.000Z,P/a,temperature,2',
      '1970-01-01T00:00:03.000Z,P/a,temperature,3',
      '1970-01-01T00:00:02.500Z,P/a,name,"Hall, ""north"""',
      '',
    ])
    expect(visibleCount(series, { fromMs: 2000, toMs: 3000 })).toBe(3)
    expect(visibleCount(series, { fromMs: 4001, toMs: 9000 })).toBe(0)
  })

  it('keeps a spreadsheet from running a text value as a formula, but leaves negative numbers numbers', () => {
    const mixed = [{ deviceId: 'P/a', property: { id: 'p' }, times: [1, 2, 3, 4], values: [-3.5, '=1+2', '@cmd', '-5'] }]
    expect(visibleCsv(mixed, { fromMs: 0, toMs: 9 }).split('\r\n').slice(1, 5).map((line) => line.split(',')[3])).toEqual(['-3.5', "'=1+2", "'@cmd", "'-5"])
  })
})

describe('devices of different products', () => {
  const brightness = prop('brightness', scalar('int', { unit: '%' }), 'Brightness')
  const colorTemp = prop('color_temp', scalar('int', { unit: 'K' }), 'Color temperature')
  const watts = prop('power', scalar('float', { unit: 'W' }), 'Power')
  const energy = prop('energy', scalar('float', { unit: 'kWh' }), 'Energy')
  const model = (properties: PropertySpec[]): ThingModel => ({ properties, events: [], actions: [] })
  const lightProduct = { productId: 'LIGHT', name: 'Smart Light', description: '', netType: 'wifi', categoryId: 1, thingModel: model([power, brightness, color, colorTemp]) }
  const plugProduct = { productId: 'PLUG', name: 'Smart Plug', description: '', netType: 'wifi', categoryId: 2, thingModel: model([power, watts, energy]) }
  const light: DeviceWithModel = { deviceId: 'LIGHT/l1', productId: 'LIGHT', label: 'Hall light', product: lightProduct }
  const plug: DeviceWithModel = { deviceId: 'PLUG/p1', productId: 'PLUG', label: 'Desk plug', product: plugProduct }

  it("opens on each product's own numbers, so a plug beside a light is charted too", () => {
    expect(defaultProperties([light, plug], 8)).toEqual(['brightness', 'color_temp', 'power', 'energy'])
    expect(defaultProperties([light, plug], 3)).toEqual(['brightness', 'color_temp', 'power'])
    expect(leftOutDevices([light, plug], defaultProperties([light, plug], 8))).toEqual([])
  })

  it('offers each property once, under the products that define it, shared ones first', () => {
    const groups = groupProperties([light, plug])
    expect(groups.map((g) => [g.productNames, g.properties.map((p) => p.id)])).toEqual([
      [['Smart Light', 'Smart Plug'], ['power_switch']],
      [['Smart Light'], ['brightness', 'color', 'color_temp']],
      [['Smart Plug'], ['power', 'energy']],
    ])
  })

  it('names a device none of whose properties is chosen, and one whose product is unknown', () => {
    const unknown: DeviceWithModel = { deviceId: 'GONE/x', productId: 'GONE', label: 'x', product: null }
    expect(leftOutDevices([light, plug, unknown], ['brightness'])).toEqual([
      { deviceId: 'PLUG/p1', label: 'Desk plug', productName: 'Smart Plug', reason: 'noneChosen' },
      { deviceId: 'GONE/x', label: 'x', productName: 'GONE', reason: 'noModel' },
    ])
    expect(leftOutDevices([light, plug], ['power_switch'])).toEqual([])
  })
})

describe('ranges and links', () => {
  it('counts presets back from now in whole seconds', () => {
    expect(presetRange('24h', 86_400_000 * 3 + 1234)).toEqual({ fromMs: 86_400_000 * 2 + 1000, toMs: 86_400_000 * 3 + 1000 })
    expect(presetRange('1h', 7_200_000)).toEqual({ fromMs: 3_600_000, toMs: 7_200_000 })
  })

  it('reads device and property lists from the query', () => {
    expect(parseIdList('P/a, P/b,,P/a')).toEqual(['P/a', 'P/b'])
    expect(parseIdList(undefined)).toEqual([])
  })
})

const theme: ChartTheme = {
  text: 'black',
  textMuted: 'gray',
  border: 'silver',
  background: 'white',
  tooltipBackground: 'white',
  palette: ['c1', 'c2'],
  events: { info: 'blue', alert: 'orange', fault: 'red', other: 'gray' },
  brush: 'lightblue',
}
const texts = { event: 'Event', eventType: (type: string) => `${type}!`, formatTime: (ms: number) => `t${ms}` }
