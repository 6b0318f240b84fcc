import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import Waterfall from './Waterfall.vue'
import { buildWaterfall, criticalPath } from '../../lib/waterfall'
import type { TraceSpan } from '../../lib/traceTypes'

const BASE = 1795138200000000000n
const span = (id: string, parent: string, start: number, end: number, statusCode = 'UNSET'): TraceSpan => ({
  spanId: id, parentSpanId: parent, serviceName: 'svc', name: `op-${id}`, kind: 'SERVER',
  startTimeUnixNano: (BASE + BigInt(start * 1_000_000)).toString(), endTimeUnixNano: (BASE + BigInt(end * 1_000_000)).toString(),
  durationNanos: (end - start) * 1_000_000, statusCode, statusMessage: '', attributes: {}, resourceAttributes: {},
})

function render(collapsed = new Set<string>(), selectedId = '') {
  const w = buildWaterfall([span('a', '', 0, 100), span('b', 'a', 10, 40), span('c', 'b', 15, 20, 'ERROR'), span('d', 'a', 50, 60), span('o', 'zz', 5, 8)])
  return mount(Waterfall, { props: { waterfall: w, critical: criticalPath(w), selectedId, collapsed, matches: new Set<string>() } })
}

describe('Waterfall', () => {
  it('draws one row per span in tree order, with depth, orphan flag and critical-path marking', () => {
    const wrapper = render()
    const rows = wrapper.findAll('[data-test="span-row"]')
    expect(rows.map((r) => r.attributes('data-span-id'))).toEqual(['a', 'b', 'c', 'd', 'o'])
    expect(rows.map((r) => r.attributes('data-depth'))).toEqual(['0', '1', '2', '1', '0'])
    expect(rows[4].text()).toContain('orphan')
    expect(rows[2].find('.wf-bar').classes()).toContain('error')
    // the root ends last: the path runs through d (ends at 60), then b (ends at 40), then c; the orphan is off it
    expect(rows.filter((r) => r.attributes('data-critical') === 'true').map((r) => r.attributes('data-span-id'))).toEqual(['a', 'b', 'c', 'd'])
  })

  it('hides a collapsed subtree and says how many spans it holds', () => {
    const wrapper = render(new Set(['b']), 'd')
    const ids = wrapper.findAll('[data-test="span-row"]').map((r) => r.attributes('data-span-id'))
    expect(ids).toEqual(['a', 'b', 'd', 'o'])
    expect(wrapper.find('[data-span-id="b"]').text()).toContain('+1')
    expect(wrapper.find('[data-span-id="d"]').classes()).toContain('selected')
  })

  it('asks to select on a row click and to fold on the toggle', async () => {
    const wrapper = render()
    await wrapper.find('[data-span-id="d"]').trigger('click')
    await wrapper.find('[data-span-id="b"] [data-test="span-toggle"]').trigger('click')
    expect(wrapper.emitted('select')).toEqual([['d']])
    expect(wrapper.emitted('toggle')).toEqual([['b']])
  })
})
