// The demo tenant behind the Graph emulator, and settings that point the source at it.
import { demoTenant, startGraphEmulator, type GraphEmulator, type GraphEmulatorOptions } from "../../../bench/emulators/graph";
import { entraSettingsFromConfig, type EntraSettings } from "../../../sources/entra";

export const CLIENT_ID = "1b40edc3-4f55-43b7-800d-8ee204f01e50";
export const CLIENT_SECRET = "Zq8~demo.client-secret_value-1234";
export const PRA_APP_ID = "3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01";

export const ids = {
  linuxAdmins: "ac37f319-bfb3-4247-ade8-a06b9ab8ea2d",
  platformSre: "a280cc06-fbd1-402a-b3bb-d3b9c27bdb43",
  windowsOperators: "3c6fe58b-417d-45c9-aca6-ce44decaa1ee",
  vendors: "56bd868b-9aa4-4fa9-8ab4-494c71cf7e1d",
  privxDevelopers: "d6412641-cfbd-41fd-b0a7-5f228a7ff56c",
  duplicateName: ["47a79adc-ed6a-4af4-b97f-99d2de768041", "861b9d07-9d84-4353-b09b-5c7bd1fdadda"],
  alice: "2249d617-3e3a-4242-8940-0085c0179da7",
  bob: "325e34c1-b834-4b23-aa89-60958d532619",
  carol: "560dcfc5-3ba4-457e-9a85-b5084edb1171",
  dave: "94da7504-281c-4b5f-a77a-df82f537d145",
  erin: "4bb55fb6-2fe2-44a0-b55d-96df17e83799",
  frank: "c33dc9b8-f6e5-45d4-88cb-32515acf3d29",
  grace: "a20259e9-1d3a-4b2f-b86b-aee9963e858c",
  heidi: "21983930-17dd-43d8-b69b-d0df903c7677",
  ivan: "a140e866-bc0b-4a28-994a-84c991b2622d",
  operatorRole: "552e78d9-825a-4bdf-8c69-6d3a6702d05a",
  auditorRole: "69962a14-b0e2-4a91-9722-b86b5c91db9c",
};

export async function startDemoGraph(options: Partial<GraphEmulatorOptions> = {}): Promise<GraphEmulator> {
  return startGraphEmulator({ tenant: demoTenant(), clientSecrets: { [CLIENT_ID]: CLIENT_SECRET }, ...options });
}

/** Stack config for the emulator, as a getter; `overrides` replace or (with undefined) remove keys. */
export function demoConfig(em: GraphEmulator, overrides: Record<string, string | undefined> = {}): (key: string) => string | undefined {
  const config: Record<string, string | undefined> = {
    entraTenantId: em.tenantId,
    entraClientId: CLIENT_ID,
    entraCredential: "clientSecret",
    entraClientSecret: CLIENT_SECRET,
    entraAuthorityHost: em.url,
    graphBaseUrl: em.url,
    caBundle: em.caFile,
    ...overrides,
  };
  return (key) => config[key];
}

export function demoSettings(em: GraphEmulator, overrides: Record<string, string | undefined> = {}): EntraSettings {
  return entraSettingsFromConfig(demoConfig(em, overrides), {});
}

/** Graph requests the emulator answered (token and metadata requests left out). */
export const graphRequests = (em: GraphEmulator) => em.requests.filter((r) => r.path.startsWith("/v1.0/"));
