/** @module Secrets: AES-256-GCM sealing of stored credentials, the key ring and key rotation. */
// Sealing
export { generateSecretKey, parseSecretKeys, SecretBox, sealedKid, type SecretKey } from './secret-box.ts';
export { accountSecretContext, openAccountSecrets, sealAccountSecrets } from './account-secrets.ts';
// Where the keys come from
export { KEY_FILE_NAME, loadKeyRing, type KeyRing, type KeyRingConfig } from './key-ring.ts';
// Rotation
export { rotateSecrets, type RotationReport } from './rotate.ts';
