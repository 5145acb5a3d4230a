/**
 * The App's one Redis connection (ioredis), set up so that an unreachable Redis is
 * noticed at once instead of stalling deliveries: no offline queue (a command while
 * disconnected fails immediately), one retry per command, short connect and command
 * timeouts, and reconnection in the background with a capped back-off. Every failure
 * surfaces as a `StateUnavailableError` (answered 503).
 *
 * Scripts run with EVALSHA, loaded again after a Redis restart (NOSCRIPT).
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { GreenlightError } from '../../ports/errors.ts';
import type { AppLog } from '../app-log.ts';
import { StateUnavailableError } from './state-unavailable.ts';

export type RedisReply = string | number | null | RedisReply[];

export interface RedisConnection {
  readonly client: Redis;
  /** Keys of this App start with it (`greenlight:` by default), so a Redis can be shared. */
  readonly prefix: string;
  /** Runs a Lua script (EVALSHA, loading it when Redis lacks it). */
  script(lua: string, keys: readonly string[], args: readonly (string | number)[]): Promise<RedisReply>;
  /** Runs one command, mapping a failure to StateUnavailableError. */
  run<T>(what: string, command: (client: Redis) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `redis://user:password@host:6379/0` without the password, for messages and logs. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Connects to `url`; a Redis that cannot be reached now is a usage error naming REDIS_URL. */
export async function connectRedis(
  url: string,
  log: AppLog,
  options: { prefix?: string; timeoutMs?: number } = {},
): Promise<RedisConnection> {
  const shown = describeRedisUrl(url);
  if (!/^rediss?:\/\//.test(url)) {
    throw new GreenlightError('usage', `REDIS_URL must be a redis:// or rediss:// URL, got '${shown}'.`);
  }
  const timeout = options.timeoutMs ?? 2000;
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: timeout,
    commandTimeout: timeout,
    retryStrategy: (attempt: number) => Math.min(attempt * 250, 2000),
  });
  let up = false;
  client.on('error', (error: Error) => {
    // ioredis repeats the error on every reconnection attempt: log the change only.
    if (up) log.error({ err: { message: error.message }, redis: shown }, 'lost the connection to Redis');
    up = false;
  });
  client.on('ready', () => {
    if (!up) log.info({ redis: shown }, 'connected to Redis');
    up = true;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new GreenlightError(
      'usage',
      `REDIS_URL ${shown}: cannot reach Redis (${(error as Error).message}). Start Redis or fix REDIS_URL.`,
      { cause: error },
    );
  }
  const shas = new Map<string, string>();
  const run = async <T>(what: string, command: (c: Redis) => Promise<T>): Promise<T> => {
    try {
      return await command(client);
    } catch (error) {
      if (error instanceof StateUnavailableError) throw error;
      throw new StateUnavailableError(`Redis (${shown}) failed while ${what}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  return {
    client,
    prefix: options.prefix ?? 'greenlight:',
    run,
    script: (lua, keys, args) =>
      run('running a script', async (c) => {
        let sha = shas.get(lua);
        if (sha === undefined) {
          sha = createHash('sha1').update(lua).digest('hex');
          shas.set(lua, sha);
        }
        try {
          return (await c.evalsha(sha, keys.length, ...keys, ...args)) as RedisReply;
        } catch (error) {
          if (!/NOSCRIPT/.test((error as Error).message)) throw error;
          return (await c.eval(lua, keys.length, ...keys, ...args)) as RedisReply;
        }
      }),
    async close() {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}
