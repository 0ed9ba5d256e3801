// npm run lint: ESLint and Prettier's check side by side (each is single-threaded, CI has two
// cores), failing if either finds anything. Both keep a cache under node_modules/.cache, so a
// second run looks only at changed files.
import { spawn } from 'node:child_process';

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const run = (name, args) =>
  new Promise((resolve) => {
    const child = spawn(bin(name), args, { stdio: 'inherit' });
    child.on('error', (e) => {
      console.error(`${name}: ${e.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const codes = await Promise.all([
  run('eslint', ['--max-warnings', '0', '--cache', '--cache-location', 'node_modules/.cache/eslint/', '.']),
  run('prettier', ['--check', '--cache', '--log-level', 'warn', '**/*.{ts,js,mjs}']),
]);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
