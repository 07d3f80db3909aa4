import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';

/** The first 64 bits of HMAC-SHA-256(message) under `salt`, as a bigint: deterministic, unpredictable without the salt. */
export function hmac64(salt: string, message: string): bigint {
  const mac = hmac(sha256, salt, message);
  let n = 0n;
  for (let i = 0; i < 8; i++) n = (n << 8n) | BigInt(mac[i] ?? 0);
  return n;
}
