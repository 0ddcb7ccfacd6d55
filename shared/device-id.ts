/**
 * Tencent's DeviceId is "ProductId/DeviceName". A ProductId never holds a slash, so the
 * first slash splits the two and anything after it belongs to the DeviceName. An id
 * without a slash is a bare ProductId with an empty DeviceName (the cloud then answers
 * with its own error, which the user sees).
 */

export function splitDeviceId(deviceId: string): [productId: string, deviceName: string] {
  const slash = deviceId.indexOf('/')
  return slash === -1 ? [deviceId, ''] : [deviceId.slice(0, slash), deviceId.slice(slash + 1)]
}

/** The ProductId and DeviceName parameters most cloud actions take instead of a DeviceId. */
export function deviceParams(deviceId: string): { ProductId: string; DeviceName: string } {
  const [ProductId, DeviceName] = splitDeviceId(deviceId)
  return { ProductId, DeviceName }
}

export function joinDeviceId(productId: string, deviceName: string): string {
  return `${productId}/${deviceName}`
}

/** A listing's DeviceId, or one made from its ProductId and DeviceName when it leaves DeviceId out. */
export function deviceIdOf(item: { DeviceId?: string; ProductId?: string; DeviceName?: string }): string {
  return item.DeviceId || joinDeviceId(item.ProductId ?? '', item.DeviceName ?? '')
}
