#!/usr/bin/env node
/**
 * The project's update-signing key (Ed25519), kept offline by the release manager.
 *
 *   node scripts/release-key.mjs generate <private.pem>   writes the key pair; the public
 *                                                         half goes to resources/update/update-public-key.pem
 *   node scripts/release-key.mjs sign <private.pem> <release/latest-linux.yml>
 *                                                         writes <manifest>.sig next to it
 *
 * The facility server hosts the manifest, its .sig and the installer under /updates/;
 * devices refuse any manifest whose signature does not verify (electron/host/updates).
 */
import { generateKeyPairSync, createPrivateKey, sign } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [command, keyFile, manifest] = process.argv.slice(2);
const publicKeyFile = join(import.meta.dirname, '..', 'resources', 'update', 'update-public-key.pem');

if (command === 'generate' && keyFile) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  mkdirSync(dirname(publicKeyFile), { recursive: true });
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  process.stdout.write(`Private key: ${keyFile} (keep it offline)\nPublic key: ${publicKeyFile} (ships in the app)\n`);
} else if (command === 'sign' && keyFile && manifest) {
  const signature = sign(null, readFileSync(manifest), createPrivateKey(readFileSync(keyFile)));
  writeFileSync(`${manifest}.sig`, `${signature.toString('base64')}\n`);
  process.stdout.write(`Signed ${manifest} → ${manifest}.sig\n`);
} else {
  process.stderr.write('usage: release-key.mjs generate <private.pem> | sign <private.pem> <manifest.yml>\n');
  process.exit(2);
}
