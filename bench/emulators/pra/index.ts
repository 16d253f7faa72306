// The BeyondTrust Privileged Remote Access emulator: Configuration API (/api/config/v1), SCIM
// (/api/scim/v2), OAuth tokens (/oauth2/token) and the product check (/get_mech_list) on one
// HTTPS server, following the vendor's OpenAPI spec. Decisions the spec leaves open are listed
// in emulators/pra/README.md.
import { Router, startEmulatorServer, type EmulatorRequest, type EmulatorResponse, type RecordedRequest } from "../common/server";
import type { FaultKnobs } from "../common/faults";
import { catalogOperations } from "./config/catalog";
import { groupPolicyOperations } from "./config/group-policies";
import { CONFIG_BASE, registerConfigApi } from "./config/pipeline";
import * as configErrors from "./config/responses";
import { userOperations } from "./config/users";
import { registerMechList } from "./mech-list";
import { registerTokenEndpoint } from "./oauth";
import { type PraEmulatorOptions, resolveOptions } from "./options";
import { createRuntime } from "./runtime";
import { ERROR_SCHEMA, scimError } from "./scim/errors";
import { SCIM_BASE } from "./scim/resources";
import { registerScimApi } from "./scim/routes";
import { applySeed } from "./seed";
import { type ProvisionLogEntry, PraState } from "./state";
import type { PraContract } from "./contract";
import { praContract } from "./contract.generated";

export type { PraApiAccountOptions, PraArea, PraEmulatorOptions, PraSeed } from "./options";
export type * from "./state";
export { PraState } from "./state";

export interface PraEmulator {
  /** https://127.0.0.1:<port>; the Configuration API is under /api/config/v1, SCIM under /api/scim/v2. */
  url: string;
  configUrl: string;
  scimUrl: string;
  tokenUrl: string;
  /** The test CA's certificate: trust it with lib/ca-bundle.ts. */
  caFile: string;
  /** The default API account (every permission). */
  clientId: string;
  clientSecret: string;
  /** The long-lived SCIM bearer token. */
  scimToken: string;
  /** The emulated PRA: read it, or change it to play a console edit (then call state.touch()). */
  state: PraState;
  requests: RecordedRequest[];
  faults: FaultKnobs;
  /** Group policy and user provisioning calls, in order, with the state version each saw. */
  provisionLog: ProvisionLogEntry[];
  /** Every issued access token stops working (the clients must mint a new one). */
  expireTokens(): void;
  /** Forget the rate limiters' usage. */
  resetRateLimits(): void;
  close(): Promise<void>;
}

/** Only requests through a URL with a doubled slash after the host reach these paths (see README). */
const DOUBLED_SLASH = /^\/(config\/v1|scim\/v2|scim|token)(\/|$)/;

function rejectMalformedPath(req: EmulatorRequest): EmulatorResponse | undefined {
  const trailingSlash = req.path.length > 1 && req.path.endsWith("/");
  if (trailingSlash || DOUBLED_SLASH.test(req.path)) return configErrors.methodNotAllowed([]);
  return undefined;
}

function notFound(req: EmulatorRequest): EmulatorResponse {
  if (req.path.startsWith(SCIM_BASE) || req.path.startsWith("/api/scim")) return scimError(404, `No resource at ${req.path}.`);
  return configErrors.notFound();
}

/** Injected faults answer in a shape both the Configuration API and SCIM clients can read. */
function faultResponse(status: number, retryAfterSeconds?: number): EmulatorResponse {
  return {
    status,
    headers: retryAfterSeconds !== undefined ? { "Retry-After": retryAfterSeconds } : {},
    body: { message: `injected fault ${status}`, schemas: [ERROR_SCHEMA], status: String(status), detail: `injected fault ${status}` },
  };
}

export async function startPraEmulator(options: PraEmulatorOptions = {}): Promise<PraEmulator> {
  return startConfigApiEmulator(praContract, options, { scim: true });
}

/**
 * A site of the Configuration API that PRA and Remote Support share, following `contract` (the
 * product's own spec: its routes, fields and enums); `scim` adds PRA's SCIM API. The Remote
 * Support emulator (emulators/rs) is this with RS's contract and no SCIM.
 */
export async function startConfigApiEmulator(contract: PraContract, options: PraEmulatorOptions, { scim }: { scim: boolean }): Promise<PraEmulator> {
  const resolved = resolveOptions(options);
  const state = new PraState(contract);
  applySeed(state, resolved.seed, resolved.clock());
  const runtime = createRuntime(state, resolved);
  const router = new Router();
  registerTokenEndpoint(router, runtime);
  registerMechList(router, runtime);
  registerConfigApi(router, runtime, [...groupPolicyOperations, ...userOperations, ...catalogOperations]);
  if (scim) registerScimApi(router, runtime);
  const server = await startEmulatorServer({
    router,
    notFound,
    faultResponse,
    before: rejectMalformedPath,
    internalError: (err) => ({ status: 500, body: { message: `internal error: ${err.message}` } }),
  });
  const defaultAccount = resolved.accounts[0];
  return {
    url: server.url,
    configUrl: `${server.url}${CONFIG_BASE}`,
    scimUrl: `${server.url}${SCIM_BASE}`,
    tokenUrl: `${server.url}/oauth2/token`,
    caFile: server.caFile,
    clientId: defaultAccount.clientId,
    clientSecret: defaultAccount.clientSecret,
    scimToken: resolved.scimToken,
    state,
    requests: server.requests,
    faults: server.faults,
    provisionLog: state.provisionLog,
    expireTokens: () => runtime.tokens.expireAll(),
    resetRateLimits: () => runtime.limiter.reset(),
    close: () => server.close(),
  };
}
