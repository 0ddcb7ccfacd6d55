/**
 * Moving a device between rooms with the keyboard: Space picks the focused device up, Left
 * and Right choose the room, Enter moves it there, Escape puts it back. Every step is said
 * in a live region, as drag and drop is for the mouse.
 */
import { computed, ref, type Ref } from 'vue'

export interface CarryTarget {
  roomId: string
  name: string
}

export function useDeviceCarry(targets: Ref<CarryTarget[]>, say: (message: 'pickedUp' | 'target' | 'cancelled', device: string, room: string) => void) {
  const carrying = ref<{ deviceId: string; label: string; index: number } | null>(null)
  const targetRoomId = computed(() => (carrying.value ? (targets.value[carrying.value.index]?.roomId ?? null) : null))

  function pickUp(deviceId: string, label: string, roomId: string): void {
    const index = Math.max(0, targets.value.findIndex((r) => r.roomId === roomId))
    carrying.value = { deviceId, label, index }
    say('pickedUp', label, targets.value[index]?.name ?? '')
  }

  function step(by: number): void {
    const c = carrying.value
    if (!c || targets.value.length === 0) return
    c.index = (c.index + by + targets.value.length) % targets.value.length
    say('target', c.label, targets.value[c.index]?.name ?? '')
  }

  function cancel(): void {
    if (carrying.value) say('cancelled', carrying.value.label, '')
    carrying.value = null
  }

  /** Handles a key on a device; resolves the room to move it to when Enter drops it. */
  function onKey(event: KeyboardEvent, deviceId: string, label: string, roomId: string): string | null {
    const c = carrying.value?.deviceId === deviceId ? carrying.value : null
    if (event.key === ' ' && !c) pickUp(deviceId, label, roomId)
    else if (c && (event.key === 'ArrowRight' || event.key === 'ArrowDown')) step(1)
    else if (c && (event.key === 'ArrowLeft' || event.key === 'ArrowUp')) step(-1)
    else if (c && event.key === 'Escape') cancel()
    else if (c && event.key === 'Enter') {
      const target = targetRoomId.value
      carrying.value = null
      event.preventDefault()
      return target
    } else return null
    event.preventDefault()
    return null
  }

  return { carrying, targetRoomId, onKey, cancel }
}
