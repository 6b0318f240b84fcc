import { mount } from '@vue/test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import type { LogItem } from '../../lib/logQuery'
import LogList from './LogList.vue'

// jsdom has no layout: the list falls back to a 500 px viewport, and ResizeObserver is absent
const original = globalThis.ResizeObserver
beforeAll(() => {
  globalThis.ResizeObserver = class {
    observe() {}
    disconnect() {}
    unobserve() {}
  } as unknown as typeof ResizeObserver
})
afterAll(() => {
  globalThis.ResizeObserver = original
})

function items(count: number, prefix = 's', live = false): LogItem[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}${i}`,
    live,
    log: {
      timestampUnixNano: String(1_765_000_000_000_000_000n - BigInt(i) * 1_000_000n),
      severityLevel: 'INFO', severityText: 'INFO', body: `record ${prefix}${i}`, serviceName: 'api', traceId: '', spanId: '', attributes: {},
    },
  }))
}

async function scrollTo(wrapper: ReturnType<typeof mount>, top: number) {
  const el = wrapper.find('.log-viewport').element as HTMLElement
  el.scrollTop = top
  await wrapper.find('.log-viewport').trigger('scroll')
  await nextTick()
}

describe('virtualized log list', () => {
  it('renders only the visible rows of 10,000, with the rest as padding', async () => {
    const wrapper = mount(LogList, { props: { items: items(10_000), canLoadMore: false } })
    const rows = wrapper.findAll('[data-test=log-row]')
    expect(rows.length).toBeGreaterThan(15)
    expect(rows.length).toBeLessThan(60)
    expect(rows[0].text()).toContain('record s0')

    await scrollTo(wrapper, 5000 * 26)
    const after = wrapper.findAll('[data-test=log-row]')
    expect(after.length).toBeLessThan(60)
    expect(after.map((r) => r.text()).some((t) => t.includes('record s5000'))).toBe(true)
    expect(after[0].text()).not.toContain('record s0 ')
  })

  it('asks for the next page near the end, and only when there is one', async () => {
    const wrapper = mount(LogList, { props: { items: items(200), canLoadMore: true } })
    await nextTick()
    await scrollTo(wrapper, 0)
    expect(wrapper.emitted('loadMore')).toBeUndefined()
    await scrollTo(wrapper, 200 * 26 - 500)
    expect(wrapper.emitted('loadMore')?.length).toBeGreaterThan(0)

    const done = mount(LogList, { props: { items: items(200), canLoadMore: false } })
    await scrollTo(done, 200 * 26 - 500)
    expect(done.emitted('loadMore')).toBeUndefined()
  })

  it('marks live rows and opens a row on click or Enter', async () => {
    const wrapper = mount(LogList, { props: { items: [...items(2, 'l', true), ...items(3)], canLoadMore: false } })
    expect(wrapper.findAll('[data-test=live-row]')).toHaveLength(2)
    expect(wrapper.findAll('[data-test=log-row]')).toHaveLength(3)
    await wrapper.findAll('[data-test=log-row]')[1].trigger('click')
    await wrapper.findAll('[data-test=live-row]')[0].trigger('keydown', { key: 'Enter' })
    const opened = wrapper.emitted('open')!.map((e) => (e[0] as LogItem).key)
    expect(opened).toEqual(['s1', 'l0'])
  })

  it('keeps the rows in view when live rows arrive on top while scrolled down', async () => {
    const base = items(1000)
    const wrapper = mount(LogList, { props: { items: base, canLoadMore: false } })
    await scrollTo(wrapper, 100 * 26)
    await wrapper.setProps({ items: [...items(5, 'l', true), ...base] })
    await nextTick()
    expect((wrapper.find('.log-viewport').element as HTMLElement).scrollTop).toBe(105 * 26)
  })
})
