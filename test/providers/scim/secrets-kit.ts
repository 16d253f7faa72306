// The secrets contract of a SCIM product's providers, for each credential kind it accepts:
// against a server that accepts only that kind, the secret is in no output (what the engine
// stores in state), no check or diff result, no error and no serialized provider; a rejected
// credential is UNAUTHORIZED naming neither the configured nor the real secret.
import { after, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { inspect } from "node:util";
import { isApiError } from "../../../lib/http";
import type { ScimUserInputs } from "../../../providers/scim/user";
import { configureRequest, type ConfigValues } from "../privx/provider-harness";
import type { ProductRun } from "./product-harness";

export const render = (value: unknown) => [String(value), (value as Error)?.stack ?? "", JSON.stringify(value), inspect(value, { depth: 10 })].join("\n");

interface UserProvider {
  configure(req: unknown): Promise<void>;
  check(olds: ScimUserInputs, news: ScimUserInputs): Promise<unknown>;
  create(inputs: ScimUserInputs): Promise<{ id: string; outs: unknown }>;
  read(id: string, props: unknown): Promise<unknown>;
  diff(id: string, olds: unknown, news: ScimUserInputs): Promise<unknown>;
}

export interface SecretsSpec<E, A extends string, O> {
  title: string;
  kind: A;
  harness: {
    providers: { users: unknown };
    simulateNewProcess(): void;
    startProviderRun(options: { auth?: A; emulator?: O }): Promise<ProductRun<E>>;
    configFor(emulator: E, auth: A, overrides?: ConfigValues): ConfigValues;
  };
  /** Emulator options that accept only this kind. */
  emulator: O;
  secretOf(emulator: E): string;
  /** The config with a wrong secret of this kind. */
  wrong(secret: string): ConfigValues;
  user(overrides?: Partial<ScimUserInputs>): ScimUserInputs;
  /** Requests the emulator recorded, for counting tokens and injecting a fault. */
  requests(emulator: E): { path: string }[];
  injectServerError(emulator: E): void;
  clearFaults(emulator: E): void;
  tokenPath?: string;
}

export function secretsContract<E, A extends string, O>(spec: SecretsSpec<E, A, O>): void {
  const provider = spec.harness.providers.users as UserProvider;
  describe(`${spec.title} providers with ${spec.kind} credentials`, () => {
    let run: ProductRun<E>;
    after(() => run?.close());

    test(`${spec.kind}: a server that accepts only ${spec.kind} serves create and read; the secret is in no output, result, serialized provider or error`, async () => {
      run = await spec.harness.startProviderRun({ auth: spec.kind, emulator: spec.emulator });
      const secret = spec.secretOf(run.emulator);
      const checked = await provider.check(spec.user(), spec.user());
      const created = await provider.create(spec.user());
      const read = await provider.read(created.id, created.outs);
      const diff = await provider.diff(created.id, created.outs, spec.user());
      assert.equal(render([checked, created, read, diff]).includes(secret), false, "outputs (state), check and diff carry no secret");
      assert.equal(render(provider).includes(secret), false, "the provider object, as serialized, carries no secret");
      if (spec.tokenPath) assert.equal(spec.requests(run.emulator).filter((r) => r.path === spec.tokenPath).length, 1, "one OAuth2 token for the process");

      spec.injectServerError(run.emulator);
      const failed = await provider
        .create(spec.user({ externalId: "entra-x", userName: "x@contoso.com", email: "x@contoso.com" }))
        .catch((err: unknown) => err);
      spec.clearFaults(run.emulator);
      assert.ok(isApiError(failed, "SERVER"), `a server error, got ${String(failed)}`);
      assert.equal(render(failed).includes(secret), false, "no secret in the error");
    });

    test(`${spec.kind}: rejected credentials are UNAUTHORIZED, naming neither the configured nor the real secret`, async () => {
      const wrong = `wrong-${spec.kind}-secret-value`;
      spec.harness.simulateNewProcess();
      await (spec.harness.providers.users as UserProvider).configure(configureRequest(spec.harness.configFor(run.emulator, spec.kind, spec.wrong(wrong))));
      const err = await provider.create(spec.user({ externalId: "entra-y", userName: "y@contoso.com", email: "y@contoso.com" })).catch((e: unknown) => e);
      assert.ok(isApiError(err, "UNAUTHORIZED"), `UNAUTHORIZED, got ${String(err)}`);
      assert.equal(render(err).includes(wrong), false);
      assert.equal(render(err).includes(spec.secretOf(run.emulator)), false);
    });
  });
}
