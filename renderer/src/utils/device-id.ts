/** `ProductId/DeviceName` → [ProductId, DeviceName]; the device name may itself hold no slash. */
export function splitDeviceId(deviceId: string): [string, string] {
  const slash = deviceId.indexOf('/')
  return slash === -1 ? [deviceId, ''] : [deviceId.slice(0, slash), deviceId.slice(slash + 1)]
}
