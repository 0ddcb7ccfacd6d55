/**
 * Which products are speakers, for the music panel. The cloud marks no product as one, so
 * the product says it: its thing model carries a volume with one of the playback properties
 * of Tencent's smart-speaker template, or its name or description says "speaker" (音箱).
 */
import type { ThingModel } from './thing-model'

const PLAYBACK = ['pause_play', 'play_mode', 'cur_song_id', 'cur_play_list', 'song_index', 'pre_next']
const NAMED = /speaker|sound ?box|音箱/i

export function isSpeakerProduct(product: { name: string; description: string; thingModel: ThingModel }): boolean {
  const ids = new Set(product.thingModel.properties.map((p) => p.id))
  if (ids.has('volume') && PLAYBACK.some((id) => ids.has(id))) return true
  return NAMED.test(product.name) || NAMED.test(product.description)
}
