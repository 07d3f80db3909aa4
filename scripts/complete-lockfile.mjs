// The npm registry reachable here serves only some of rollup's per-platform
// builds, so `npm install` leaves the others out of package-lock.json and
// `npm ci` then refuses the lock as out of sync. This adds the entries a full
// registry would have written (platform fields only; npm ci skips them on
// other platforms). Run after `npm install` changes the lock:
//   node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const OS = { android: 'android', darwin: 'darwin', freebsd: 'freebsd', linux: 'linux', openbsd: 'openbsd', openharmony: 'openharmony', win32: 'win32' };
let added = 0;

for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const m = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$/.exec(dep);
    if (!m) continue;
    const target = `${key === '' ? '' : `${key}/`}node_modules/${dep}`.replace(/^\//, '');
    const hoisted = `node_modules/${dep}`;
    if (lock.packages[target] || lock.packages[hoisted]) continue;
    const [, os, arch, abi] = m;
    const cpu = arch === 'arm' ? 'arm' : arch;
    const libc = abi === undefined || abi === 'msvc' || abi === 'eabi' ? undefined : abi.startsWith('musl') ? 'musl' : 'glibc';
    lock.packages[hoisted] = {
      version,
      cpu: [cpu],
      dev: entry.dev === true ? true : undefined,
      license: 'MIT',
      optional: true,
      os: [OS[os] ?? os],
      ...(libc === undefined ? {} : { libc: [libc] }),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform entries to package-lock.json`);
