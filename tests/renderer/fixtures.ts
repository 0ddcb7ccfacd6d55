import type { Device, Family, ProfileSummary, Room, SessionInfo } from '@shared/domain'
import type { DeviceCounts, RolloutSummary } from '@shared/rollout'

export const sandboxProfile: ProfileSummary = {
  id: 'sandbox',
  name: 'Sandbox',
  kind: 'sandbox',
  baseUrl: 'http://127.0.0.1:9999/api/exploreropen',
  credentialMode: 'app-key',
  appKeyMasked: 'sand****demo',
  hasAppSecret: true,
  lastAccount: null,
  brokerUrl: null,
  remembered: false,
}

export const mainlandProfile: ProfileSummary = {
  id: 'p-mainland',
  name: 'Acme installers',
  kind: 'mainland',
  baseUrl: 'https://iot.cloud.tencent.com/api/exploreropen',
  credentialMode: 'app-key',
  appKeyMasked: 'ahPx****rejd',
  hasAppSecret: true,
  lastAccount: 'tech@acme.example',
  brokerUrl: null,
  remembered: false,
}

export const brokerProfile: ProfileSummary = {
  id: 'p-broker',
  name: 'Acme broker',
  kind: 'mainland',
  baseUrl: 'https://iot.cloud.tencent.com/api/exploreropen',
  credentialMode: 'token-broker',
  appKeyMasked: null,
  hasAppSecret: false,
  lastAccount: null,
  brokerUrl: 'https://auth.acme.example/iot/token',
  remembered: true,
}

export const tokenProfile: ProfileSummary = {
  id: 'p-token',
  name: 'Support token',
  kind: 'overseas',
  baseUrl: 'https://oversea.iotcloud.tencentiotcloud.com/api/exploreropen',
  credentialMode: 'access-token',
  appKeyMasked: null,
  hasAppSecret: false,
  lastAccount: null,
  brokerUrl: null,
  remembered: false,
}

export const demoSession: SessionInfo = {
  profileId: 'sandbox',
  profileName: 'Sandbox',
  account: 'demo@sandbox.local',
  expireAt: 2_000_000_000,
  renews: false,
}

export const families: Family[] = [
  { familyId: 'f-1', name: 'Zhang home', role: 1, createTime: 1_700_000_000, updateTime: 1_700_000_000 },
  { familyId: 'f-2', name: 'Office', role: 0, createTime: 1_700_100_000, updateTime: 1_700_100_000 },
]

export const rooms: Room[] = [
  { roomId: 'r-living', name: 'Living room', deviceCount: 2, createTime: 0, updateTime: 0 },
  { roomId: 'r-bed', name: 'Bedroom', deviceCount: 1, createTime: 0, updateTime: 0 },
]

function device(partial: Partial<Device> & Pick<Device, 'productId' | 'deviceName'>): Device {
  return {
    deviceId: `${partial.productId}/${partial.deviceName}`,
    aliasName: '',
    familyId: 'f-1',
    roomId: '',
    roomName: '',
    productName: '',
    iconUrl: '',
    online: false,
    deviceType: 0,
    createTime: 0,
    updateTime: 0,
    ...partial,
  }
}

export const devices: Device[] = [
  device({ productId: 'LAMP01', deviceName: 'lamp_a1', aliasName: 'Ceiling light', productName: 'Smart lamp', roomId: 'r-living', roomName: 'Living room', online: true }),
  device({ productId: 'PLUG02', deviceName: 'plug_b7', productName: 'Smart plug', roomId: 'r-living', roomName: 'Living room', online: false }),
  device({ productId: 'SENS03', deviceName: 'th_sensor', aliasName: 'Bedroom climate', productName: 'Temperature sensor', roomId: 'r-bed', roomName: 'Bedroom', online: true }),
  device({ productId: 'GW0004', deviceName: 'gateway_1', productName: 'Zigbee gateway', online: true, deviceType: 1 }),
]

export const rolloutCounts = (partial: Partial<DeviceCounts>): DeviceCounts => ({
  pending: 0, waiting: 0, publishing: 0, upgrading: 0, done: 0, failed: 0, skipped: 0, cancelled: 0, ...partial,
})

/** A whole rollout summary, as the contract has it, with the fields a test cares about. */
export function rolloutSummary(partial: Partial<RolloutSummary> = {}): RolloutSummary {
  return {
    rolloutId: 'r-1', name: 'Lights', kind: 'fleet', state: 'running', pauseReason: '', profileId: 'sandbox', account: 'demo@sandbox.local',
    plan: { canary: 1, steps: [100], concurrency: 4, maxFailedPercent: 20, offline: { mode: 'skip' }, deviceTimeoutMs: 60_000 },
    targets: [{ productId: 'LGT', productName: 'Smart Light', version: '1.10.0', count: 4 }],
    total: 4, counts: rolloutCounts({ done: 1, failed: 2, upgrading: 1 }), currentWave: 1, waveCount: 2, createdMs: 1_780_000_000_000,
    startedMs: 1_780_000_001_000, finishedMs: null, updatedMs: 1_780_000_002_000, driver: 'here', interrupted: false, etaMs: null, ...partial,
  }
}
