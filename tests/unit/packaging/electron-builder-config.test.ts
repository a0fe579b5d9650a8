import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  asar?: boolean;
  files?: (string | { filter?: string[] })[];
  asarUnpack?: string[];
  npmRebuild?: boolean;
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[] };
  win?: { target?: string[] };
  publish?: { provider?: string };
}

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
}

// electron-builder's own loader and validator (its JSON schema), not a copy of it.
const builderConfig = require('app-builder-lib/out/util/config/config.js') as ConfigModule;

async function loadConfig(): Promise<BuilderConfig> {
  return builderConfig.getConfig(root, join(root, 'electron-builder.yml'), null);
}

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own schema", async () => {
    const config = await loadConfig();
    await expect(
      builderConfig.validateConfiguration(config, { isEnabled: false, add: () => undefined }),
    ).resolves.toBeUndefined();
  });

  it('the validator does reject a bad config (so the check above means something)', async () => {
    const config = { ...(await loadConfig()), asar: 'yes-please' } as unknown as BuilderConfig;
    await expect(
      builderConfig.validateConfiguration(config, { isEnabled: false, add: () => undefined }),
    ).rejects.toThrow();
  });

  it('sets every Electron fuse the security model requires', async () => {
    const { electronFuses } = await loadConfig();
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('ships an ASAR with only the built app, native modules unpacked and rebuilt for Electron', async () => {
    const config = await loadConfig();
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    const files = (config.files ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : (entry.filter ?? [])));
    expect(files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', '!**/*.map']));
    // No sources, tests, server or dev files.
    for (const entry of files) expect(entry).not.toMatch(/^(electron|renderer|server|tests|shared|scripts)\//);
  });

  it('ships the update public key inside the ASAR (its integrity check covers it), not as a loose resource', async () => {
    const config = (await loadConfig()) as BuilderConfig & { extraResources?: unknown };
    const files = (config.files ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : (entry.filter ?? [])));
    expect(files).toContain('resources/update/*.pem');
    expect(JSON.stringify(config.extraResources ?? null)).not.toContain('pem');
    // Where electron/main reads it from: the app path (the ASAR), the same relative path.
    expect(readFileSync(join(root, 'electron/main/index.ts'), 'utf8')).toContain(
      "join(app.getAppPath(), 'resources', 'update', 'update-public-key.pem')",
    );
  });

  it('builds AppImage and deb for Linux, NSIS for Windows, updates from the facility (generic provider)', async () => {
    const config = await loadConfig();
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win?.target).toEqual(expect.arrayContaining(['nsis']));
    expect(config.publish?.provider).toBe('generic');
  });

  it('ships as runtime dependencies exactly the packages main (with its host code), preload and core load (the rest is bundled or dev-only)', () => {
    // electron-builder packs every package.json "dependencies" entry (and its tree) into the app. The renderer's
    // libraries are bundled by Vite and the facility server runs from a checkout, so neither belongs there.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const sourceFiles = (dir: string): string[] =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => join(root, dir, file));
    const imported = new Set<string>();
    for (const file of ['electron/main', 'electron/preload', 'electron/host', 'electron/core', 'shared'].flatMap(
      sourceFiles,
    )) {
      for (const match of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from '([^'.][^']*)'/gm)) {
        const name = match[1] ?? '';
        if (name.startsWith('node:') || name === 'electron') continue;
        imported.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] ?? name));
      }
    }
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...imported].sort());
  });
});
