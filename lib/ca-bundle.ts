// Trusting a private CA (the emulators' test CA, or a company's internal CA in front of an
// on-premises PRA) by adding it to Node's default trust store for this process. Every client
// that does not pass its own `ca` (undici, fetch inside the Graph SDK, @azure/identity) then
// verifies against the system roots plus this bundle. Certificate checks are never disabled.
import * as fs from "node:fs";
import * as tls from "node:tls";

const trusted = new Set<string>();
let secureContext: tls.SecureContext | undefined;

/**
 * One TLS client context for the process, built from the default trust store (system roots plus
 * every bundle trusted so far). Without it, every new connection builds its own context and
 * loads the whole CA list again; PRA closes the connection after every call, so that cost was
 * paid per request. Rebuilt after the next `trustCaBundle`.
 */
export function sharedSecureContext(): tls.SecureContext {
  return (secureContext ??= tls.createSecureContext({}));
}

export function trustCaBundle(file: string): void {
  if (!file || trusted.has(file)) return;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`CA bundle ${file} cannot be read: ${(err as Error).message}`, { cause: err });
  }
  const certs = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!certs?.length) throw new Error(`CA bundle ${file} holds no PEM certificate`);
  const setDefault = (tls as unknown as { setDefaultCACertificates?: (c: string[]) => void }).setDefaultCACertificates;
  if (!setDefault) {
    throw new Error(`Node.js ${process.version} cannot add a CA bundle at run time; use Node.js >= 22.19 / 24.5 or set NODE_EXTRA_CA_CERTS=${file}`);
  }
  setDefault([...tls.getCACertificates("default"), ...certs]);
  trusted.add(file);
  secureContext = undefined;
}
