// Pulumi's passphrase secrets manager, reimplemented byte for byte so stack files written by the
// real CLI open here and the other way round (pkg/secrets/passphrase, sdk/go/common/resource/config):
// - key = PBKDF2-HMAC-SHA256(passphrase, salt, 1,000,000 iterations, 32 bytes);
// - ciphertext = "v1:" + base64(12-byte nonce) + ":" + base64(AES-256-GCM sealed text + 16-byte tag);
// - the stack's `encryptionsalt` = "v1:" + base64(8-byte salt) + ":" + ciphertext of "pulumi",
//   which proves a passphrase is the right one.
import { createCipheriv, createDecipheriv, createHash, pbkdf2Sync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { EngineError } from "./errors";

const ITERATIONS = 1_000_000;
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const CHECK_MESSAGE = "pulumi";

export interface Crypter {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** The `encryptionsalt` / secrets-provider state this crypter belongs to. */
  readonly saltState: string;
}

// Key derivation is deliberately slow; a process derives each (passphrase, salt) key once.
const derivedKeys = new Map<string, Buffer>();

function deriveKey(passphrase: string, salt: Buffer): Buffer {
  const cacheKey = createHash("sha256").update(salt).update("\0").update(passphrase).digest("hex");
  let key = derivedKeys.get(cacheKey);
  if (!key) {
    key = pbkdf2Sync(passphrase, salt, ITERATIONS, KEY_BYTES, "sha256");
    derivedKeys.set(cacheKey, key);
  }
  return key;
}

export function encryptWithKey(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1:${nonce.toString("base64")}:${sealed.toString("base64")}`;
}

export function decryptWithKey(key: Buffer, ciphertext: string): string {
  const parts = ciphertext.split(":");
  if (parts.length !== 3) throw new EngineError("STATE", "malformed encrypted value (expected v1:<nonce>:<ciphertext>)");
  if (parts[0] !== "v1") throw new EngineError("STATE", "unknown encrypted value version");
  const nonce = Buffer.from(parts[1], "base64");
  const sealed = Buffer.from(parts[2], "base64");
  if (sealed.length < TAG_BYTES) throw new EngineError("STATE", "malformed encrypted value (too short)");
  const decipher = createDecipheriv("aes-256-gcm", key, nonce);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString("utf8");
}

/** A crypter for an existing salt state; BAD_PASSPHRASE when the passphrase does not open it. */
export function crypterFromSaltState(passphrase: string, saltState: string): Crypter {
  const parts = saltState.split(":");
  if (parts.length !== 5 || parts[0] !== "v1") {
    throw new EngineError("STATE", "malformed encryptionsalt (expected v1:<salt>:v1:<nonce>:<ciphertext>)");
  }
  const key = deriveKey(passphrase, Buffer.from(parts[1], "base64"));
  let check: string | undefined;
  try {
    check = decryptWithKey(key, parts.slice(2).join(":"));
  } catch {
    check = undefined;
  }
  if (check !== CHECK_MESSAGE) {
    throw new EngineError("BAD_PASSPHRASE", "incorrect passphrase: it does not open this stack's secrets");
  }
  return keyCrypter(key, saltState);
}

/** A fresh salt state (what `pulumi stack init` writes as `encryptionsalt`). */
export function newCrypter(passphrase: string): Crypter {
  const salt = randomBytes(8);
  const key = deriveKey(passphrase, salt);
  const saltState = `v1:${salt.toString("base64")}:${encryptWithKey(key, CHECK_MESSAGE)}`;
  return keyCrypter(key, saltState);
}

function keyCrypter(key: Buffer, saltState: string): Crypter {
  return {
    saltState,
    encrypt: (plaintext) => encryptWithKey(key, plaintext),
    decrypt: (ciphertext) => {
      try {
        return decryptWithKey(key, ciphertext);
      } catch (e) {
        if (e instanceof EngineError) throw e;
        throw new EngineError("BAD_PASSPHRASE", "a secret value could not be decrypted with this stack's passphrase");
      }
    },
  };
}

/**
 * The passphrase as the CLI reads it: PULUMI_CONFIG_PASSPHRASE (an empty value counts), else the
 * trimmed contents of PULUMI_CONFIG_PASSPHRASE_FILE; undefined when neither is set.
 */
export function readPassphrase(env: NodeJS.ProcessEnv): string | undefined {
  const direct = env.PULUMI_CONFIG_PASSPHRASE;
  if (direct !== undefined) return direct;
  const file = env.PULUMI_CONFIG_PASSPHRASE_FILE;
  if (file) {
    try {
      return readFileSync(path.resolve(file), "utf8").trim();
    } catch {
      throw new EngineError("PASSPHRASE_REQUIRED", "unable to read PULUMI_CONFIG_PASSPHRASE_FILE", { file });
    }
  }
  return undefined;
}

export function passphraseRequired(why: string): EngineError {
  return new EngineError(
    "PASSPHRASE_REQUIRED",
    `${why}: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables`,
  );
}

/**
 * The stack's secrets manager, created on first use: opened from the known salt state (stack
 * config file first, then state file), or a new salt when the stack has none yet.
 */
export class SecretsManager {
  private crypter?: Crypter;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private knownSaltState: string | undefined,
  ) {}

  get saltState(): string | undefined {
    return this.crypter?.saltState ?? this.knownSaltState;
  }

  /** Whether a crypter was opened or created during this run (its salt must then be persisted). */
  get isOpen(): boolean {
    return this.crypter !== undefined;
  }

  get(why: string): Crypter {
    if (this.crypter) return this.crypter;
    const passphrase = readPassphrase(this.env);
    if (passphrase === undefined) throw passphraseRequired(why);
    this.crypter = this.knownSaltState ? crypterFromSaltState(passphrase, this.knownSaltState) : newCrypter(passphrase);
    this.knownSaltState = this.crypter.saltState;
    return this.crypter;
  }
}
