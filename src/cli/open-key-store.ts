// Where `rampart keys` finds the keys: the same place the gateway reads them, per its config — the key
// file with the memory store, Redis with the redis store (so every replica sees a change at once).
import { defaultGatewayConfig, loadGatewayConfig, redisUrlFrom } from '../gateway/config.js';
import { FileKeyStore } from '../gateway/keys/file-key-store.js';
import type { KeyStore } from '../gateway/keys/key-record.js';

export async function openKeyStore(configPath?: string): Promise<KeyStore & { close?(): Promise<void> }> {
  const config = configPath ? loadGatewayConfig(configPath) : defaultGatewayConfig();
  if (config.store.kind === 'redis') {
    // The Redis client is loaded only when the config uses Redis.
    const [{ RedisKeyStore }, { connectRedis }] = await Promise.all([
      import('../gateway/keys/redis-key-store.js'),
      import('../gateway/store/redis-client.js'),
    ]);
    return new RedisKeyStore(connectRedis(redisUrlFrom(config.store)), config.store.prefix, {
      ownsConnection: true,
    });
  }
  return new FileKeyStore(config.keys.file);
}
