// A throwaway certificate authority for the emulators. @azure/identity refuses a non-HTTPS
// authority host, so every emulator serves HTTPS with a leaf certificate from this CA and the
// clients trust it through the configurable CA bundle (lib/ca-bundle.ts), never by turning
// certificate checks off.
import { webcrypto } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import "reflect-metadata"; // @peculiar/x509 needs the Reflect metadata polyfill
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
}

export interface TestCa {
  /** PEM of the CA certificate: what a client must trust. */
  caPem: string;
  /** A file holding caPem, for tools that take a CA bundle path (NODE_EXTRA_CA_CERTS, config). */
  caFile: string;
  /** A server certificate for 127.0.0.1, ::1 and localhost, signed by this CA. */
  serverCertificate(): Promise<ServerCertificate>;
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n");
  return `-----BEGIN ${label}-----\n${b64.trimEnd()}\n-----END ${label}-----\n`;
}

async function createTestCa(): Promise<TestCa> {
  const now = Date.now();
  const notBefore = new Date(now - 60_000);
  const notAfter = new Date(now + 7 * 24 * 3600_000);
  const caKeys = await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=pam-reconciler emulator test CA",
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const caPem = caCert.toString("pem") + "\n";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pam-reconciler-ca-"));
  const caFile = path.join(dir, "emulator-ca.pem");
  fs.writeFileSync(caFile, caPem);

  let leaf: Promise<ServerCertificate> | undefined;
  const issueLeaf = async (): Promise<ServerCertificate> => {
    const keys = await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: "02",
      subject: "CN=localhost",
      issuer: caCert.subject,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: algorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
        new x509.SubjectAlternativeNameExtension([
          { type: "dns", value: "localhost" },
          { type: "ip", value: "127.0.0.1" },
          { type: "ip", value: "::1" },
        ]),
        await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      ],
    });
    const keyDer = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
    return { certPem: cert.toString("pem") + "\n", keyPem: pem("PRIVATE KEY", keyDer) };
  };
  return {
    caPem,
    caFile,
    serverCertificate: () => (leaf ??= issueLeaf()),
  };
}

let shared: Promise<TestCa> | undefined;

/** One CA per process, so every emulator started here is trusted through one bundle file. */
export function testCa(): Promise<TestCa> {
  return (shared ??= createTestCa());
}
