/** How timeline items and causes read, in the user's language (the panel and its tests share it). */
import type { ThingModel } from '@shared/thing-model'
import { valueLabel } from '@shared/thing-model'
import type { Cause } from '@shared/timeline/cause'
import type { TimelineItem } from '@/composables/useDeviceTimeline'

type T = (key: string, values?: Record<string, unknown>) => string

export function itemText(item: TimelineItem, model: ThingModel, t: T): string {
  switch (item.kind) {
    case 'change': {
      const property = model.properties.find((p) => p.id === item.change.propertyId)
      const value = property ? valueLabel(property.spec, item.change.value) : String(item.change.value)
      return t('timeline.item.change', { name: property?.name ?? item.change.propertyId, value })
    }
    case 'event':
      return t('timeline.item.event', { name: model.events.find((e) => e.id === item.eventId)?.name ?? item.eventId, type: item.eventType })
    case 'status':
      return t(item.online ? 'timeline.item.online' : 'timeline.item.offline')
    case 'timerRun':
      return t('timeline.item.timerRun', { name: item.name })
    case 'automationRun':
      return t('timeline.item.automationRun', { name: item.name })
    case 'app':
      return t('timeline.item.app', { action: item.entry.action, account: item.entry.account })
  }
}

export function causeText(cause: Cause, t: T): string {
  switch (cause.kind) {
    case 'timer':
      return t(cause.by === 'clientToken' ? 'timeline.cause.timerToken' : 'timeline.cause.timer', { name: cause.name || cause.id })
    case 'app':
      return t('timeline.cause.app', { account: cause.account, action: cause.action, requestId: cause.requestId })
    case 'automation':
      if (cause.by === 'condition' && cause.trigger) {
        return t('timeline.cause.automationCondition', { name: cause.name || cause.id, device: cause.trigger.deviceId, property: cause.trigger.propertyId, value: String(cause.trigger.value) })
      }
      return t(`timeline.cause.automation_${cause.by}`, { name: cause.name || cause.id })
    case 'scene':
      return t(`timeline.cause.scene_${cause.by}`, { name: cause.name || cause.id })
    case 'unknown':
      return t('timeline.cause.unknown')
  }
}
