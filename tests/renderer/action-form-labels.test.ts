// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { readThingModel } from '@shared/thing-model'
import { i18n } from '@/i18n'
import { setDeskClient } from '@/bridge'
import ActionCard from '@/components/device/ActionCard.vue'
import { fakeDesk } from './fake-desk'

/** An action whose input takes every kind of value a thing model has, once. */
const model = readThingModel({
  properties: [],
  events: [],
  actions: [
    {
      id: 'configure',
      name: 'Configure',
      input: [
        { id: 'on', name: 'On', define: { type: 'bool', mapping: { 0: 'off', 1: 'on' } } },
        { id: 'colour', name: 'Colour', define: { type: 'enum', mapping: { 0: 'Red', 1: 'Green' } } },
        { id: 'times', name: 'Times', define: { type: 'int', min: '1', max: '10', step: '1' } },
        { id: 'delay', name: 'Delay', define: { type: 'int', min: '0', max: '86400', step: '1', unit: 's' } },
        { id: 'note', name: 'Note', define: { type: 'string', min: '0', max: '64' } },
        { id: 'at', name: 'At', define: { type: 'timestamp' } },
        { id: 'window', name: 'Window', define: { type: 'struct', specs: [{ id: 'from', name: 'From', dataType: { type: 'int', min: '0', max: '23', step: '1' } }] } },
      ],
      output: [],
    },
  ],
})

/** What a screen reader would call the control: its aria-label, the labels it points at, or a <label> for it. */
function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label')
  if (label) return label
  const ids = el.getAttribute('aria-labelledby')
  if (ids) return ids.split(' ').map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ').trim()
  const labels = (el as HTMLInputElement).labels
  return labels ? [...labels].map((l) => l.textContent?.trim() ?? '').join(' ').trim() : ''
}

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('the action form', () => {
  it('names every control for screen readers, the number boxes beside sliders included', async () => {
    setDeskClient(fakeDesk())
    wrapper = mount(ActionCard, {
      props: { action: model.actions[0]!, deviceId: 'LAMP01/lamp_a1', replies: new Map() },
      global: { plugins: [ElementPlus, i18n] },
      attachTo: document.body,
    })
    await flushPromises()
    const controls = [...wrapper.element.querySelectorAll('input:not([type="hidden"]), textarea, [role="slider"], [role="switch"], [role="combobox"], [role="spinbutton"]')]
    expect(controls.length).toBeGreaterThan(7)
    const unnamed = controls.filter((el) => nameOf(el) === '').map((el) => el.outerHTML.slice(0, 160))
    expect(unnamed).toEqual([])
    const names = controls.map(nameOf)
    for (const name of ['On', 'Colour', 'Times', 'Delay', 'Note', 'At', 'Window / From']) expect(names, name).toContain(name)
  })
})
