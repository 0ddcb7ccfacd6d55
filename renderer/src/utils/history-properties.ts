/**
 * Which properties a history view offers and plots when its devices are of different
 * products (a light beside a plug): each product keeps its own properties, and a device none
 * of whose properties is chosen is named as left out rather than silently missing.
 */
import type { Product } from '@shared/domain'
import type { PropertySpec } from '@shared/thing-model'

/** What these helpers need of a device on the view. */
export interface DeviceWithModel {
  deviceId: string
  productId: string
  label: string
  product: Product | null
}

/** Properties offered under one heading: those the listed products (and only they) define. */
export interface PropertyGroup {
  /** The products' ids, joined: stable across renders. */
  key: string
  /** The products' names, for the heading. */
  productNames: string[]
  properties: PropertySpec[]
}

export interface LeftOutDevice {
  deviceId: string
  label: string
  productName: string
  /** 'noneChosen': no chosen property belongs to its product; 'noModel': its product could not be read. */
  reason: 'noneChosen' | 'noModel'
}

/** The distinct products of the devices, in device order. */
function productsOf(devices: readonly DeviceWithModel[]): Product[] {
  const seen = new Map<string, Product>()
  for (const d of devices) if (d.product && !seen.has(d.product.productId)) seen.set(d.product.productId, d.product)
  return [...seen.values()]
}

/**
 * The devices' properties grouped by the set of products that define them: each id once,
 * under a heading that says whose it is ("Smart Light", or "Smart Light · Smart Plug" when shared).
 */
export function groupProperties(devices: readonly DeviceWithModel[]): PropertyGroup[] {
  const products = productsOf(devices)
  const owners = new Map<string, { spec: PropertySpec; products: Product[] }>()
  for (const product of products) {
    for (const p of product.thingModel.properties) {
      const entry = owners.get(p.id)
      if (entry) entry.products.push(product)
      else owners.set(p.id, { spec: p, products: [product] })
    }
  }
  const groups = new Map<string, PropertyGroup>()
  for (const { spec, products: by } of owners.values()) {
    const key = by.map((p) => p.productId).join(',')
    let group = groups.get(key)
    if (!group) {
      group = { key, productNames: by.map((p) => p.name || p.productId), properties: [] }
      groups.set(key, group)
    }
    group.properties.push(spec)
  }
  // Shared properties first: they apply to every device that has them.
  return [...groups.values()].sort((a, b) => b.productNames.length - a.productNames.length)
}

const isNumber = (p: PropertySpec) => p.spec.type === 'int' || p.spec.type === 'float'

/**
 * The chart a view opens on: each product's numbers (up to `perProduct`, else its first
 * properties), so every device has something plotted, at most `max` in all.
 */
export function defaultProperties(devices: readonly DeviceWithModel[], max: number, perProduct = 2): string[] {
  const chosen: string[] = []
  for (const product of productsOf(devices)) {
    const list = product.thingModel.properties
    const numbers = list.filter(isNumber)
    for (const p of (numbers.length > 0 ? numbers : list).slice(0, perProduct)) if (!chosen.includes(p.id)) chosen.push(p.id)
  }
  return chosen.slice(0, max)
}

/** The devices the chosen properties leave off the chart, and why. */
export function leftOutDevices(devices: readonly DeviceWithModel[], selected: readonly string[]): LeftOutDevice[] {
  if (selected.length === 0) return []
  const wanted = new Set(selected)
  return devices.flatMap((d): LeftOutDevice[] => {
    if (!d.product) return [{ deviceId: d.deviceId, label: d.label, productName: d.productId, reason: 'noModel' }]
    if (d.product.thingModel.properties.some((p) => wanted.has(p.id))) return []
    return [{ deviceId: d.deviceId, label: d.label, productName: d.product.name || d.productId, reason: 'noneChosen' }]
  })
}
