/** The test tools' commands (shared/contracts/as-device.ts): the app speaking as the device. */
import type { asDeviceContract } from '../../../shared/contracts/as-device'
import { deviceParams } from '../../../shared/device-id'
import { ApiError } from '../api/api-error'
import { otaInfoShape } from '../api/answers/firmware'
import { readAnswer } from '../api/answers/read'
import type { CloudCall } from '../api/cloud-call'
import type { DomainHandlers } from '../dispatcher'

/** What AppGetDeviceOTAInfo answers when the device has no upgrade waiting. */
const NO_TASK = 'ResourceNotFound.DeviceFirmwareTaskNotExist'

/** `call` is the desk's audited call: every report lands in the audit log with its RequestId. */
export function asDeviceCommands(call: CloudCall, now: () => number): DomainHandlers<typeof asDeviceContract> {
  return {
    'asDevice.reportProperties': async ({ deviceId, values }) => {
      // Timestamp in milliseconds (the table's name; the example prints TimeStamp).
      const reply = await call('AppReportDataAsDevice', { DeviceId: deviceId, Data: JSON.stringify(values), Timestamp: now() })
      return { requestId: reply.requestId }
    },
    'asDevice.publishMessage': async ({ deviceId, topicKind, payload }) => {
      const { ProductId, DeviceName } = deviceParams(deviceId)
      const reply = await call('AppPublishMsgAsDevice', {
        ProductId,
        DeviceName,
        Topic: `$thing/up/${topicKind}/${ProductId}/${DeviceName}`,
        // Base64 of the MQTT message, as the reference's example sends it.
        Payload: Buffer.from(payload, 'utf8').toString('base64'),
      })
      return { requestId: reply.requestId }
    },
    'asDevice.raiseEvent': async ({ deviceId, eventId, params }) => {
      const reply = await call('AppReportDeviceEvent', {
        DeviceId: deviceId,
        EventId: eventId,
        Params: JSON.stringify(params),
        Method: 'ReportEventAsDevice',
        EventTimeStamp: now(),
      })
      return { requestId: reply.requestId }
    },
    'asDevice.otaInfo': async ({ deviceId }) => {
      try {
        const reply = await call('AppGetDeviceOTAInfo', deviceParams(deviceId))
        const info = readAnswer(otaInfoShape, reply, 'AppGetDeviceOTAInfo')
        return { requestId: reply.requestId, task: { firmwareUrl: info.FirmwareURL, targetVersion: info.TargetVersion, uploadVersion: info.UploadVersion } }
      } catch (error) {
        if (error instanceof ApiError && error.code === NO_TASK) return { requestId: error.requestId, task: null }
        throw error
      }
    },
    'asDevice.reportFirmwareVersion': async ({ deviceId, version }) => {
      const reply = await call('AppReportFirmwareVersion', { ...deviceParams(deviceId), Version: version })
      return { requestId: reply.requestId }
    },
  }
}
