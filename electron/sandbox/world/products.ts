/**
 * The sandbox's product catalogue: fixed product IDs (so docs, tests and demos can name
 * them) with thing models modelled on the reference's AppGetProducts example. The smart
 * light carries the reference's power_switch / brightness / color plus color_temp.
 */
import type { DeviceType, Product, ProductKind } from './model'
import {
  bool, enumOf, float, int, text, timestamp,
  type DataTemplate, type ThingAction, type ThingDefine, type ThingEvent, type ThingParam, type ThingProperty,
} from './thing-model'

export const PRODUCT_IDS: Readonly<Record<ProductKind, string>> = Object.freeze({
  light: 'LGT7Q2K9PA',
  plug: 'PLG2X5C8WD',
  gateway: 'GWY3M8D1XR',
  sensor: 'SNS5T6H2BQ',
  camera: 'CAM9V4N7ZE',
  speaker: 'SPK8R3W6JM',
})

/** Prefix of generated DeviceNames and the label used in alias names. */
export const KIND_LABELS: Readonly<Record<ProductKind, { prefix: string; label: string }>> = Object.freeze({
  light: { prefix: 'light', label: 'Light' },
  plug: { prefix: 'plug', label: 'Plug' },
  gateway: { prefix: 'gw', label: 'Gateway' },
  sensor: { prefix: 'th', label: 'Sensor' },
  camera: { prefix: 'cam', label: 'Camera' },
  speaker: { prefix: 'spk', label: 'Speaker' },
})

const prop = (id: string, name: string, mode: 'r' | 'rw', define: ThingDefine, required = false): ThingProperty =>
  ({ id, name, desc: name, mode, required, define })
const param = (id: string, name: string, define: ThingDefine): ThingParam => ({ id, name, desc: name, define })
const event = (id: string, name: string, type: ThingEvent['type'], params: ThingParam[]): ThingEvent =>
  ({ id, name, desc: name, type, required: false, params })
const action = (id: string, name: string, input: ThingParam[], output: ThingParam[]): ThingAction =>
  ({ id, name, desc: name, required: false, input, output })

const lightModel = {
  properties: [
    prop('power_switch', 'Light switch', 'rw', bool('off', 'on'), true),
    prop('brightness', 'Brightness', 'rw', int(0, 100, '%', 1, 1)),
    prop('color', 'Color', 'rw', enumOf('Red', 'Green', 'Blue')),
    prop('color_temp', 'Color temperature', 'rw', int(2700, 6500, 'K', 100)),
    prop('name', 'Light position name', 'rw', text(64)),
  ],
  events: [
    event('status_report', 'DeviceStatus', 'info', [
      param('status', 'Running state', bool('normal', 'fault')),
      param('message', 'Message', text(64)),
    ]),
    event('low_voltage', 'LowVoltage', 'alert', [param('voltage', 'Voltage', float('0.0', '24.0', 'V', '0.1'))]),
    event('hardware_fault', 'Hardware fault', 'fault', [
      param('name', 'Name', text(64)),
      param('error_code', 'Error code', int(0, 2000)),
    ]),
  ],
  actions: [
    action('blink', 'Blink', [param('times', 'Times', int(1, 10))], [param('result', 'Result', bool('fail', 'success'))]),
  ],
}

const plugModel = {
  properties: [
    prop('power_switch', 'Switch', 'rw', bool('off', 'on'), true),
    prop('power', 'Power', 'r', float('0.0', '3680.0', 'W', '0.1')),
    prop('energy', 'Energy', 'r', float('0.00', '99999.00', 'kWh', '0.01')),
    prop('countdown', 'Countdown', 'rw', int(0, 86_400, 's')),
    prop('last_on', 'Last switched on', 'r', timestamp()),
  ],
  events: [event('overload', 'Overload', 'alert', [param('power', 'Power', float('0.0', '5000.0', 'W', '0.1'))])],
  actions: [],
}

const gatewayModel = {
  properties: [
    prop('permit_join', 'Permit join', 'rw', bool('closed', 'open')),
    prop('channel', 'Zigbee channel', 'rw', int(11, 26)),
    prop('subdev_count', 'Sub-devices', 'r', int(0, 128)),
    prop('firmware', 'Firmware', 'r', text(32)),
  ],
  events: [event('subdevice_joined', 'Sub-device joined', 'info', [param('device_name', 'Device name', text(64))])],
  actions: [action('reboot', 'Reboot', [], [param('result', 'Result', bool('fail', 'success'))])],
}

const sensorModel = {
  properties: [
    prop('temperature', 'Temperature', 'r', float('-20.0', '60.0', '°C', '0.1'), true),
    prop('humidity', 'Humidity', 'r', int(0, 100, '%')),
    prop('battery', 'Battery', 'r', int(0, 100, '%')),
    prop('report_interval', 'Report interval', 'rw', int(10, 3600, 's', 10, 60)),
    prop('last_calibrated', 'Last calibrated', 'r', timestamp()),
  ],
  events: [event('low_battery', 'Low battery', 'alert', [param('battery', 'Battery', int(0, 100, '%'))])],
  actions: [],
}

const cameraModel = {
  properties: [
    prop('record_enable', 'Cloud recording', 'rw', bool('off', 'on'), true),
    prop('motion_detect', 'Motion detection', 'rw', bool('off', 'on')),
    prop('night_vision', 'Night vision', 'rw', enumOf('Auto', 'On', 'Off')),
    prop('resolution', 'Resolution', 'rw', enumOf('720P', '1080P', '2K')),
    prop('storage', 'SD card', 'r', {
      type: 'struct',
      specs: [
        { id: 'total_mb', name: 'Total', dataType: int(0, 262_144, 'MB') },
        { id: 'used_mb', name: 'Used', dataType: int(0, 262_144, 'MB') },
      ],
    }),
  ],
  events: [event('motion_alarm', 'Motion alarm', 'alert', [param('confidence', 'Confidence', int(0, 100, '%'))])],
  actions: [
    action('ptz_control', 'Pan/tilt', [
      param('direction', 'Direction', enumOf('Up', 'Down', 'Left', 'Right')),
      param('step', 'Step', int(1, 10)),
    ], [param('result', 'Result', bool('fail', 'success'))]),
  ],
}

/** Modelled on Tencent's smart-speaker template (the property ids shared/speaker.ts looks for). */
const speakerModel = {
  properties: [
    prop('pause_play', 'Play / pause', 'rw', bool('pause', 'play'), true),
    prop('volume', 'Volume', 'rw', int(0, 100, '%', 1, 40), true),
    prop('play_mode', 'Play mode', 'rw', enumOf('Sequential', 'Repeat one', 'Shuffle')),
    prop('pre_next', 'Previous / next', 'rw', enumOf('None', 'Previous', 'Next')),
    prop('cur_play_list', 'Current playlist', 'rw', text(2048)),
    prop('song_index', 'Song index', 'rw', int(0, 9999)),
    prop('cur_song_id', 'Current song', 'rw', text(128)),
    prop('recv_mode', 'Receive mode', 'rw', enumOf('Play now', 'Queue')),
  ],
  events: [event('play_error', 'Playback error', 'fault', [
    param('song_id', 'Song', text(128)),
    param('error_code', 'Error code', int(0, 2000)),
  ])],
  actions: [],
}

interface ProductSeed {
  kind: ProductKind
  name: string
  description: string
  netType: string
  categoryId: number
  deviceType: DeviceType
  model: Omit<DataTemplate, 'version' | 'profile'>
}

const SEEDS: readonly ProductSeed[] = [
  { kind: 'light', name: 'Smart Light', description: 'Dimmable colour light', netType: 'wifi', categoryId: 141, deviceType: 0, model: lightModel },
  { kind: 'plug', name: 'Smart Plug', description: 'Metering Wi-Fi plug', netType: 'wifi', categoryId: 142, deviceType: 0, model: plugModel },
  { kind: 'gateway', name: 'Zigbee Gateway', description: 'Gateway for Zigbee sub-devices', netType: 'wifi', categoryId: 560, deviceType: 1, model: gatewayModel },
  { kind: 'sensor', name: 'Temperature & Humidity Sensor', description: 'Zigbee sub-device', netType: 'else', categoryId: 561, deviceType: 2, model: sensorModel },
  { kind: 'camera', name: 'IP Camera', description: 'Camera with cloud recording', netType: 'wifi', categoryId: 590, deviceType: 0, model: cameraModel },
  { kind: 'speaker', name: 'Smart Speaker', description: 'Wi-Fi speaker with Kugou music', netType: 'wifi', categoryId: 595, deviceType: 0, model: speakerModel },
]

/** The catalogue; `updateTime` is the product's last edit (seconds). */
export function buildProducts(updateTime: number): Product[] {
  return SEEDS.map((seed) => {
    const productId = PRODUCT_IDS[seed.kind]
    return {
      productId,
      kind: seed.kind,
      name: seed.name,
      description: seed.description,
      netType: seed.netType,
      categoryId: seed.categoryId,
      productType: 0,
      deviceType: seed.deviceType,
      dataTemplate: {
        version: '1.0',
        profile: { ProductId: productId, CategoryId: String(seed.categoryId) },
        ...structuredClone(seed.model),
      },
      updateTime,
    }
  })
}
