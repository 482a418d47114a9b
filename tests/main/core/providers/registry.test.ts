import { describe, expect, it } from 'vitest';
import { ProviderName } from '../../../../src/common/domain';
import { PROVIDER_INFO } from '../../../../src/common/providers';
import { PROVIDERS } from '../../../../src/main/core/providers/registry';
import { STREAMS } from '../../../../src/main/core/sync/streams/types';

// Every provider the domain names has one descriptor, and the descriptors agree with what the
// views and the sync engine rely on.
describe('provider registry', () => {
  it('has a descriptor per provider name, labelled as the views label it', () => {
    expect(Object.keys(PROVIDERS).sort()).toEqual([...ProviderName.options].sort());
    for (const name of ProviderName.options) {
      expect(PROVIDERS[name].name).toBe(name);
      expect(PROVIDERS[name].label).toBe(PROVIDER_INFO[name].label);
      expect(PROVIDERS[name].authKinds.length).toBeGreaterThan(0);
      expect(PROVIDERS[name].cliSignIn).toMatch(/^stint auth /);
    }
  });

  it('lists Hubstaff’s streams as the runner runs them, and no stream name twice across providers (reports merge by name)', () => {
    expect(PROVIDERS.hubstaff.streams).toEqual(STREAMS);
    const all = Object.values(PROVIDERS).flatMap((p) => p.streams);
    expect(new Set(all).size).toBe(all.length);
  });

});
