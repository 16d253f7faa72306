// What a provider process knows about one target (clients, indexes read once), built from the
// first `configure` the engine sends (or from the environment alone when it never sends one).
// Every provider of the target in the process shares one: one OAuth token, one rate-limit
// budget, one listing per object type. Tests build their own, one per simulated process, and
// hand it to the providers they create; nothing here is reset from outside.
import type * as pulumi from "@pulumi/pulumi";
import { applyCommonSettings, configGetter, type ConfigGetter } from "./provider-config";

export class ProcessContext<C> {
  private current?: C;

  /** `build` turns the settings into the context; it may throw a ProviderError for bad settings. */
  constructor(private readonly build: (get: ConfigGetter) => C) {}

  /** Called from every provider's `configure`: the first call builds the context, later ones keep it. */
  async configure(req: pulumi.dynamic.ConfigureRequest | undefined): Promise<void> {
    this.current ??= this.from(configGetter(req));
  }

  /** The context; a provider run without configure (an older engine) builds it from the environment. */
  get(): C {
    this.current ??= this.from(configGetter(undefined));
    return this.current;
  }

  private from(get: ConfigGetter): C {
    applyCommonSettings(get);
    return this.build(get);
  }
}
