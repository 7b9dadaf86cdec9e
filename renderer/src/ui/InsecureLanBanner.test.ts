// Plain HTTP on the LAN is announced in every window: a red 不安全连接 strip, and nothing when the core is secure.
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { i18n } from '../i18n';
import InsecureLanBanner from './InsecureLanBanner.vue';

describe('InsecureLanBanner', () => {
  it('shows 不安全连接 as an alert when the core serves the LAN without TLS', () => {
    const wrapper = mount(InsecureLanBanner, { props: { isShown: true }, global: { plugins: [i18n] } });
    const banner = wrapper.get('[data-testid="insecure-lan-banner"]');
    expect(banner.attributes('role')).toBe('alert');
    expect(banner.text()).toContain('不安全连接');
    expect(banner.text()).toContain('明文');
  });

  it('shows nothing otherwise', () => {
    const wrapper = mount(InsecureLanBanner, { props: { isShown: false }, global: { plugins: [i18n] } });
    expect(wrapper.find('[data-testid="insecure-lan-banner"]').exists()).toBe(false);
  });
});
