#!/usr/bin/env node
/**
 * The project's update-signing key (Ed25519), kept offline by the release manager.
 *
 *   node scripts/release-key.mjs generate <private.pem>   writes the key pair; the public
 *                                                         half goes to resources/update/update-public-key.pem
 *   node scripts/release-key.mjs sign <private.pem> <version> <minimumVersion> <installer>...
 *                                                         writes release.json (version, minimum version, each
 *                                                         installer's file name and SHA-512) and its .sig
 *                                                         next to the installers
 *
 * minimumVersion: the lowest version a device that has seen this release may ever be offered again
 * (raise it past a release with a security hole so its signed statement can never be replayed).
 * The facility server hosts the manifest, its .sig and the installer under /updates/;
 * devices refuse any manifest whose signature does not verify (electron/host/updates).
 */
import { createHash, generateKeyPairSync, createPrivateKey, sign } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const [command, keyFile, version, minimumVersion, ...installers] = process.argv.slice(2);
const semver = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const publicKeyFile = join(import.meta.dirname, '..', 'resources', 'update', 'update-public-key.pem');

if (command === 'generate' && keyFile) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  mkdirSync(dirname(publicKeyFile), { recursive: true });
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  process.stdout.write(`Private key: ${keyFile} (keep it offline)\nPublic key: ${publicKeyFile} (ships in the app)\n`);
} else if (
  command === 'sign' &&
  keyFile &&
  semver.test(version ?? '') &&
  semver.test(minimumVersion ?? '') &&
  installers.length > 0
) {
  // The same SHA-512 (base64) electron-builder writes in latest*.yml, so the device can match them.
  const files = installers.map((file) => ({
    url: basename(file),
    sha512: createHash('sha512').update(readFileSync(file)).digest('base64'),
  }));
  const statement = Buffer.from(JSON.stringify({ version, minimumVersion, files }));
  const out = join(dirname(installers[0]), 'release.json');
  writeFileSync(out, statement);
  writeFileSync(`${out}.sig`, `${sign(null, statement, createPrivateKey(readFileSync(keyFile))).toString('base64')}\n`);
  process.stdout.write(`Signed ${out} → ${out}.sig\n`);
} else {
  process.stderr.write(
    'usage: release-key.mjs generate <private.pem> | sign <private.pem> <version> <minimumVersion> <installer>...\n',
  );
  process.exit(2);
}
