import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { PRODUCT_IDS } from '../../electron/sandbox/world/products'
import { MESSAGE_CATEGORIES } from '../../shared/contracts/messages'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

/** Messages, the test tools acting as a device, and the music service, through the core against the sandbox. */
describe('diagnosis against the sandbox', () => {
  let it_: DeskUnderTest
  const world = () => it_.sandbox.world
  const family = () => world().familiesOf(DEMO_ACCOUNT.userId)[0]!.family
  const onlineOf = (kind: keyof typeof PRODUCT_IDS) =>
    world().devicesIn(family().familyId).find((d) => d.productId === PRODUCT_IDS[kind] && world().isOnline(d.deviceId))!

  beforeAll(async () => {
    it_ = await deskOnSandbox()
    await it_.signInDemo()
  })
  afterAll(async () => {
    await it_?.close()
  })

  it('pages every category of the inbox to its end without repeats, and deletes a message for good (audited)', async () => {
    let total = 0
    for (const category of MESSAGE_CATEGORIES) {
      const ids: string[] = []
      let page = await it_.run('messages.list', { category, limit: 3 })
      ids.push(...page.messages.map((m) => m.msgId))
      for (let n = 0; page.next && n < 50; n++) {
        page = await it_.run('messages.list', { category, limit: 3, after: page.next })
        ids.push(...page.messages.map((m) => m.msgId))
      }
      expect(page.listover).toBe(true)
      expect(new Set(ids).size).toBe(ids.length)
      const inCloud = world().messages.filter((m) => m.userId === DEMO_ACCOUNT.userId && m.category === category)
      expect(ids.sort()).toEqual(inCloud.map((m) => m.msgId).sort())
      total += ids.length
    }
    expect(total).toBeGreaterThan(0)

    const victim = world().messages.find((m) => m.userId === DEMO_ACCOUNT.userId)!
    const { requestId } = await it_.run('messages.delete', { msgId: victim.msgId })
    expect(world().messages.some((m) => m.msgId === victim.msgId)).toBe(false)
    const logged = await it_.run('audit.list', { action: 'AppDeleteMessage' })
    expect(logged.entries[0]).toMatchObject({ requestId, outcome: 'ok' })
    // A message already gone is refused with the cloud's own code.
    expect((await it_.fail('messages.delete', { msgId: victim.msgId })).code).toMatch(/MsgID/i)
  })

  it('reports a property as the device: the cloud takes it, the push carries it, the audit log keeps the RequestId', async () => {
    const plug = onlineOf('plug')
    await it_.run('live.watch', { deviceIds: [plug.deviceId] })
    const { requestId } = await it_.run('asDevice.reportProperties', { deviceId: plug.deviceId, values: { power: 123.4 } })
    expect(world().devices.get(plug.deviceId)!.properties.get('power')?.value).toBe(123.4)
    await it_.waitForEvent('device.events', (batch) => batch.some((e) => e.kind === 'property' && e.deviceId === plug.deviceId && e.values.power === 123.4))
    const logged = await it_.run('audit.list', { action: 'AppReportDataAsDevice' })
    expect(logged.entries[0]).toMatchObject({ requestId, outcome: 'ok' })
    expect(JSON.parse(logged.entries[0]!.params)).toMatchObject({ DeviceId: plug.deviceId, Data: '{"power":123.4}' })
  })

  it('raises an event, publishes on an up topic, and reports a firmware version as the device', async () => {
    const plug = onlineOf('plug')
    const product = world().products.get(plug.productId)!
    const event = product.dataTemplate.events[0]!
    await it_.run('asDevice.raiseEvent', { deviceId: plug.deviceId, eventId: event.id, params: {} })
    const payload = JSON.stringify({ method: 'report', clientToken: 'it-1', params: { power: 55 } })
    await it_.run('asDevice.publishMessage', { deviceId: plug.deviceId, topicKind: 'property', payload })
    expect(world().devices.get(plug.deviceId)!.properties.get('power')?.value).toBe(55)
    const info = await it_.run('asDevice.otaInfo', { deviceId: plug.deviceId })
    expect(info.task === null || info.task.targetVersion !== '').toBe(true)
    await it_.run('asDevice.reportFirmwareVersion', { deviceId: plug.deviceId, version: '9.9.9' })
    expect((await it_.run('ota.check', { deviceId: plug.deviceId })).currentVersion).toBe('9.9.9')
    // A property the product does not have is the cloud's typed refusal, not a crash.
    const refused = await it_.fail('asDevice.reportProperties', { deviceId: plug.deviceId, values: { no_such: 1 } })
    expect(refused).toMatchObject({ kind: 'api' })
    expect(refused.requestId).toBeTruthy()
  })

  it("reads the speaker's Kugou account, lists and songs; after logging out the account is the service's refusal", async () => {
    const speaker = onlineOf('light') // the sandbox offers the music service on any device it lets the user read
    const account = await it_.run('music.account', { deviceId: speaker.deviceId })
    expect(account.account?.vipType).toBeGreaterThan(0)
    const daily = await it_.run('music.daily', { deviceId: speaker.deviceId, page: 1, size: 5 })
    expect(daily.songs).toHaveLength(5)
    const lists = await it_.run('music.playlists', { deviceId: speaker.deviceId })
    const songs = await it_.run('music.playlistSongs', { deviceId: speaker.deviceId, playlistId: lists.playlists[0]!.playlistId })
    expect(songs.songs.length).toBe(lists.playlists[0]!.songCount > 20 ? 20 : lists.playlists[0]!.songCount)
    const details = await it_.run('music.songs', { deviceId: speaker.deviceId, songIds: [daily.songs[1]!.songId, daily.songs[0]!.songId] })
    expect(details.songs.map((s) => s.songId)).toEqual([daily.songs[1]!.songId, daily.songs[0]!.songId])
    const link = await it_.run('music.songUrl', { deviceId: speaker.deviceId, songId: daily.songs[0]!.songId })
    expect(link.playable).toBe(true)
    expect(link.url).toMatch(/^http/)
    await it_.run('music.newSongs', { deviceId: speaker.deviceId })

    await it_.run('music.logout', { deviceId: speaker.deviceId })
    const after = await it_.run('music.account', { deviceId: speaker.deviceId })
    expect(after.account).toBeNull()
    expect(after.refusal?.message).toContain('No Kugou account')
    const vip = daily.songs.find((s) => s.vipOnly)
    if (vip) expect((await it_.run('music.songUrl', { deviceId: speaker.deviceId, songId: vip.songId })).playable).toBe(false)
    expect((await it_.run('audit.list', { action: 'AppKugouUserCommand' })).entries).toHaveLength(1)
    // An unknown playlist is the cloud's typed refusal.
    expect((await it_.fail('music.playlistSongs', { deviceId: speaker.deviceId, playlistId: '1' })).kind).toBe('api')
  })
})
