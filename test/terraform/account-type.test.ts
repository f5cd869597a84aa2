/**
 * `--account-type` puts `account_type` in the provider block, so plan does not wait for the provider's
 * account-type lookup (BssOpenApi QueryAvailableInstances, retried for about 30 s when it cannot be reached).
 * Here ALIBABA_CLOUD_ACCOUNT_TYPE is not set, so only the provider block can make the plan quick.
 */
import { initValidatePlan, synth, toolchain } from './tf';
import { EXAMPLE_METADATA, NEW_INSTANCE } from '../helpers';

jest.setTimeout(300_000);

test('with --account-type Domestic and no ALIBABA_CLOUD_ACCOUNT_TYPE, plan finishes well inside the 30 s lookup', async () => {
  const tc = toolchain();
  const s = await synth(['--metadata', EXAMPLE_METADATA, ...NEW_INSTANCE, '--account-type', 'Domestic']);
  expect(s.tfJson.provider.alicloud[0]).toEqual({ region: 'cn-hangzhou', account_type: 'Domestic' });
  const run = initValidatePlan(tc.terraform, s.stackDir, s.tfJson, { accountTypeEnv: false });
  expect(run.validate.diagnostics).toEqual([]);
  // every resource of the synthesized stack is planned
  const resources = Object.values(s.tfJson.resource as Record<string, Record<string, unknown>>).reduce((n, byName) => n + Object.keys(byName).length, 0);
  expect((run.plan.resource_changes ?? []).length).toBe(resources);
  expect(run.ms.plan).toBeLessThan(20_000);
});
