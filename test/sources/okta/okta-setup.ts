// Test support for the Okta source: an emulator with a registered key pair, and settings for it.
import { generateKeyPairSync } from "node:crypto";
import { startOktaEmulator, type OktaEmulator, type OktaEmulatorOptions, type OktaOrg } from "../../../bench/emulators/okta";
import { trustCaBundle } from "../../../lib/ca-bundle";
import { Secret } from "../../../sources/entra/secret";
import type { OktaSettings } from "../../../sources/okta";

export const CLIENT_ID = "0oatestreconciler001";
export const API_TOKEN = "00SSWS-test-token-that-must-never-leak-0123456789";

export function rsaKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

export const registeredKey = rsaKeyPair();

export async function startTestOkta(org: OktaOrg, options: Partial<OktaEmulatorOptions> = {}): Promise<OktaEmulator> {
  const em = await startOktaEmulator({
    org,
    clients: { [CLIENT_ID]: [{ kid: "k1", publicKeyPem: registeredKey.publicKeyPem }] },
    apiTokens: [API_TOKEN],
    ...options,
  });
  trustCaBundle(em.caFile);
  return em;
}

export function privateKeySettings(em: OktaEmulator, extra: Partial<OktaSettings> = {}): OktaSettings {
  return {
    orgUrl: em.url,
    auth: "privateKey",
    clientId: CLIENT_ID,
    keyId: "k1",
    privateKey: new Secret(registeredKey.privateKeyPem),
    usernameAttribute: "login",
    ...extra,
  };
}

export function sswsSettings(em: OktaEmulator, token = API_TOKEN): OktaSettings {
  return { orgUrl: em.url, auth: "ssws", apiToken: new Secret(token), usernameAttribute: "login" };
}
