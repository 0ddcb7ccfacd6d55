/** What the cloud-storage (lotVideo…/IotVideo…) actions answer. */
import { z } from 'zod'
import { int, listOf, listover, optStr } from './read'

export const recordedDatesShape = z.object({ Data: listOf(z.string()) })

export const dayRecordingsShape = z.object({
  VideoURL: optStr,
  TimeList: listOf(z.object({ StartTime: int, EndTime: int })),
})

export const recordingEventsShape = z.object({
  Events: listOf(z.object({ StartTime: int, EndTime: int.nullish(), Thumbnail: optStr, EventId: optStr })),
  Context: optStr,
  Listover: listover,
})

export const thumbnailShape = z.object({ ThumbnailURL: optStr })
