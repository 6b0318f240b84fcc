import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ApiError } from '../../api/client'
import { emptyForm, formToSpec } from '../../lib/alertRule'

// the API client is replaced: the test plays the server; the chart component is stubbed (no canvas in jsdom)
const api = vi.fn()
vi.mock('../../api/client', async (original) => ({ ...(await original<typeof import('../../api/client')>()), api: (...args: unknown[]) => api(...args) }))
const { default: RulePreview } = await import('./RulePreview.vue')

function spec(threshold: string) {
  return formToSpec({ ...emptyForm(), name: 'r', metric: 'queue.depth', threshold })
}

const answer = {
  series: [{ labels: {}, points: [[Date.now() - 60_000, 42], [Date.now() - 30_000, 43]] }],
  crossings: [],
  transitions: [{ fingerprint: 'f', labels: {}, from: 'normal', to: 'firing', at: Date.now() - 60_000 }],
}

function mountPreview(props: { spec: ReturnType<typeof spec>; problem: string }) {
  return mount(RulePreview, { props: { ...props, tenantId: 't1' }, global: { stubs: { EChart: { template: '<div data-test="preview-chart"></div>' } } } })
}

describe('RulePreview', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    api.mockReset()
  })
  afterEach(() => vi.useRealTimers())

  it('asks once the form has stopped changing, with the hours and the tenant, and sums up the answer', async () => {
    api.mockResolvedValue(answer)
    const wrapper = mountPreview({ spec: spec('4'), problem: '' })
    await wrapper.setProps({ spec: spec('40') })
    vi.advanceTimersByTime(300)
    await wrapper.setProps({ spec: spec('41') })
    expect(api).not.toHaveBeenCalled()
    vi.advanceTimersByTime(600)
    await flushPromises()
    expect(api).toHaveBeenCalledTimes(1)
    const [path, options] = api.mock.calls[0]
    expect(path).toBe('/alerts/rules/preview')
    expect(options.body).toMatchObject({ name: 'r', hours: 3, tenantId: 't1', condition: { threshold: 41 } })
    expect(wrapper.get('[data-test="preview-summary"]').text()).toContain('would have fired 1 time')
    expect(wrapper.find('[data-test="preview-chart"]').exists()).toBe(true)
  })

  it('does not ask while the form has a problem, and says what to complete', async () => {
    const wrapper = mountPreview({ spec: spec(''), problem: 'Enter a number.' })
    vi.advanceTimersByTime(2000)
    await flushPromises()
    expect(api).not.toHaveBeenCalled()
    expect(wrapper.get('[data-test="preview-waiting"]').text()).toContain('Enter a number.')
  })

  it('hands a 400 to the form (to show at its field) and shows the server’s reason', async () => {
    api.mockRejectedValue(new ApiError(400, 'Bad Request', 'interval must be between 1s and 24h', 'interval'))
    const wrapper = mountPreview({ spec: spec('40'), problem: '' })
    vi.advanceTimersByTime(700)
    await flushPromises()
    expect(wrapper.emitted('fieldError')?.[0]?.[0]).toMatchObject({ status: 400, field: 'interval' })
    expect(wrapper.get('[data-test="preview-error"]').text()).toContain('interval must be between 1s and 24h')
  })
})
