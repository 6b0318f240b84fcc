import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import SecretOnceDialog from './SecretOnceDialog.vue'

function open() {
  return mount(SecretOnceDialog, { props: { title: 'API key created', secret: 'tfs_s3cr3t' }, attachTo: document.body })
}

describe('SecretOnceDialog', () => {
  afterEach(() => {
    document.body.innerHTML = ''
    vi.unstubAllGlobals()
  })

  it('shows the secret with a warning that it will not be shown again', () => {
    const wrapper = open()
    expect(wrapper.get('[data-test="api-key-secret"]').text()).toBe('tfs_s3cr3t')
    expect(wrapper.text()).toContain('shown only once')
    wrapper.unmount()
  })

  it('copies the secret to the clipboard and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    const wrapper = open()
    await wrapper.get('[data-test="api-key-copy"]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith('tfs_s3cr3t')
    expect(wrapper.text()).toContain('Copied')
    wrapper.unmount()
  })

  it('tells the user to copy by hand when the browser refuses', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: vi.fn().mockRejectedValue(new Error('denied')) } })
    const wrapper = open()
    await wrapper.get('[data-test="api-key-copy"]').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('select the text and copy it')
    expect(wrapper.text()).not.toContain('Copied')
    wrapper.unmount()
  })

  it('is not lost by a stray Esc: only the close button closes it', async () => {
    const wrapper = open()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    await wrapper.get('.dialog-backdrop').trigger('mousedown')
    expect(wrapper.emitted('close')).toBeUndefined()
    await wrapper.get('[data-test="secret-close"]').trigger('click')
    expect(wrapper.emitted('close')).toHaveLength(1)
    wrapper.unmount()
  })
})
