/** The hand-over report of a home: what the customer receives, built from the same facts as the checklist. */
import type { HandoverReport } from '../../../shared/contracts/commissioning'
import { checklistOf, technicianOf } from './checklist'
import { isFailure, type HomeFacts } from './facts'
import { testResultOf } from './test-control'

export function reportOf(facts: HomeFacts): HandoverReport {
  const { family } = facts
  const checklist = checklistOf(facts)
  const roomName = (roomId: string) => facts.rooms.find((r) => r.roomId === roomId)?.name ?? ''
  return {
    familyId: family.familyId,
    familyName: family.name,
    address: family.address,
    generatedAtMs: facts.nowMs,
    technician: technicianOf(facts.members, family.role, facts.account),
    rooms: facts.rooms.map((r) => ({ roomId: r.roomId, name: r.name, deviceCount: facts.devices.filter((d) => d.device.roomId === r.roomId).length })),
    devices: facts.devices.map(({ device, controllable, controls, data, firmware }) => {
      const test = controllable && (data === null || !isFailure(data)) ? testResultOf(controls, data) : null
      return {
        deviceId: device.deviceId,
        name: device.aliasName || device.deviceName,
        deviceName: device.deviceName,
        productName: device.productName,
        roomName: roomName(device.roomId),
        firmwareVersion: isFailure(firmware) ? '' : firmware.current,
        online: device.online,
        test: test ? { outcome: test.outcome, atMs: test.atMs, values: test.values } : null,
      }
    }),
    members: isFailure(facts.members) ? [] : facts.members.map((m) => ({ userId: m.userId, nickName: m.nickName, role: m.role })),
    met: checklist.met,
    total: checklist.total,
  }
}
