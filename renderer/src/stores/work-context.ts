import { defineStore } from 'pinia'
import { ref } from 'vue'

/** The device and room last worked on, so the API console can pre-fill their ids. */
export interface DeviceContext {
  familyId: string
  productId: string
  deviceName: string
  roomId: string
}

export const useWorkContextStore = defineStore('work-context', () => {
  const lastDevice = ref<DeviceContext | null>(null)

  function rememberDevice(device: DeviceContext): void {
    lastDevice.value = { ...device }
  }

  return { lastDevice, rememberDevice }
})
