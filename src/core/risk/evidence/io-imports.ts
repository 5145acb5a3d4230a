/**
 * Imports that mean a module does more than transform data: the network, processes,
 * the file system, databases, the browser, or an application framework (which calls
 * the module with requests and renders its results). A module that imports any of
 * them stays where the path rules put it (README.md, "Pure data modules").
 */

/** JS/TS packages and Node built-ins, by the first segment of the specifier (scope included). */
const JS = new Set([
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'net',
  'dgram',
  'tls',
  'dns',
  'child_process',
  'cluster',
  'worker_threads',
  'readline',
  'stream',
  'os',
  'process',
  'inspector',
  'v8',
  'vm',
  'axios',
  'node-fetch',
  'cross-fetch',
  'isomorphic-fetch',
  'got',
  'ky',
  'superagent',
  'request',
  'undici',
  'ws',
  'socket.io',
  'socket.io-client',
  'execa',
  'cross-spawn',
  'shelljs',
  'zx',
  'fs-extra',
  'graceful-fs',
  'glob',
  'chokidar',
  'pg',
  'mysql',
  'mysql2',
  'sqlite3',
  'better-sqlite3',
  'mongodb',
  'mongoose',
  'redis',
  'ioredis',
  'knex',
  'sequelize',
  'typeorm',
  'drizzle-orm',
  '@prisma',
  'prisma',
  'aws-sdk',
  '@aws-sdk',
  '@google-cloud',
  '@azure',
  'firebase',
  'firebase-admin',
  'express',
  'koa',
  'fastify',
  'hapi',
  '@hapi',
  'restify',
  'hono',
  'next',
  '@nestjs',
  'react',
  'react-dom',
  'vue',
  'svelte',
  '@angular',
  'preact',
  'solid-js',
  'jquery',
  'electron',
  'vscode',
  '@actions',
  '@octokit',
  'probot',
]);

/** Python top-level modules. */
const PYTHON = new Set([
  'os',
  'sys',
  'io',
  'pathlib',
  'shutil',
  'tempfile',
  'glob',
  'socket',
  'ssl',
  'select',
  'asyncio',
  'subprocess',
  'multiprocessing',
  'threading',
  'requests',
  'httpx',
  'aiohttp',
  'urllib',
  'urllib3',
  'http',
  'ftplib',
  'smtplib',
  'paramiko',
  'boto3',
  'botocore',
  'sqlite3',
  'psycopg',
  'psycopg2',
  'pymysql',
  'sqlalchemy',
  'pymongo',
  'redis',
  'django',
  'flask',
  'fastapi',
  'starlette',
  'tornado',
  'celery',
]);

/** Go import paths (exact or prefix followed by `/`). */
const GO = ['net', 'os', 'io/ioutil', 'io/fs', 'database/sql', 'syscall', 'plugin'];

/** Rust, Java/Kotlin and Ruby by prefix of the imported path. */
const PREFIXES: readonly string[] = [
  'std::fs',
  'std::net',
  'std::process',
  'std::env',
  'tokio',
  'reqwest',
  'hyper',
  'sqlx',
  'diesel',
  'java.net',
  'java.nio.file',
  'java.io.File',
  'java.sql',
  'javax.servlet',
  'jakarta.servlet',
  'org.springframework',
  'okhttp3',
  'android',
  'net/http',
  'open-uri',
  'socket',
  'fileutils',
  'open3',
  'active_record',
  'rails',
];

function jsPackage(specifier: string): string {
  const bare = specifier.replace(/^node:/, '');
  if (bare.startsWith('@')) return bare.split('/')[0] as string;
  const [first, second] = bare.split('/');
  return first === 'fs' && second === 'promises' ? 'fs/promises' : (first as string);
}

/**
 * True when an import specifier (as written) brings in I/O, a process, a database, the
 * browser or a framework. Relative imports are judged by the module they name elsewhere.
 *
 * @example isIoImport('javascript', 'node:fs') // true
 * @example isIoImport('python', 'json') // false
 */
export function isIoImport(language: string, specifier: string): boolean {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return false;
  switch (language) {
    case 'javascript':
    case 'typescript':
      return JS.has(jsPackage(specifier));
    case 'python':
      return PYTHON.has(specifier.split('.')[0] as string);
    case 'go':
      return GO.some((path) => specifier === path || specifier.startsWith(`${path}/`));
    default:
      // A plain prefix: `java.io.File` also covers FileReader and FileWriter.
      return PREFIXES.some((prefix) => specifier.startsWith(prefix));
  }
}

/** Words in the name of a relative import that suggest the imported module does I/O. */
export const IO_MODULE_WORDS = new Set([
  'http',
  'https',
  'fetch',
  'fetcher',
  'request',
  'requests',
  'client',
  'api',
  'server',
  'socket',
  'db',
  'database',
  'sql',
  'storage',
  'store',
  'fs',
  'file',
  'files',
  'io',
  'net',
  'network',
  'upload',
  'download',
  'shell',
  'exec',
  'process',
  'spawn',
  'env',
]);
