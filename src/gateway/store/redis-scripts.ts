// The Lua mirror of gcra.ts. One script per check-and-update, so the read, the decision and the write
// happen atomically inside Redis: two gateway processes on one Redis share one limit exactly.
// Numbers are written with %.0f because Lua's tostring keeps only 14 significant digits.
import { LuaScript } from './lua-script.js';

// KEYS[1] window hash {d = debt, t = at}; ARGV: amount, limit, windowMs, now, mode (take|peek|add|used)
// Returns {allowed 0/1, remaining, retryAfterMs} or, for "used", {usedUnits}.
export const WINDOW_SCRIPT = new LuaScript(`
local amount = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local w = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
local mode = ARGV[5]
local v = redis.call('HMGET', KEYS[1], 'd', 't')
local debt = 0
local at = now
if v[1] and v[2] then
  local d = tonumber(v[1])
  local t = tonumber(v[2])
  local elapsed = now - t
  if elapsed < 0 then elapsed = 0 end
  debt = d - elapsed * limit
  if debt < 0 then debt = 0 end
  if t > now then at = t end
end
if mode == 'used' then
  return {math.ceil(debt / w)}
end
local cap = limit * w
local after = debt + amount * w
if mode == 'add' or after <= cap then
  if mode ~= 'peek' then
    redis.call('HSET', KEYS[1], 'd', string.format('%.0f', after), 't', string.format('%.0f', at))
    redis.call('PEXPIRE', KEYS[1], string.format('%.0f', math.ceil(after / limit) + 1))
  end
  local remaining = math.floor((cap - after) / w)
  if remaining < 0 then remaining = 0 end
  return {1, remaining, 0}
end
local remaining = math.floor((cap - debt) / w)
if remaining < 0 then remaining = 0 end
return {0, remaining, math.ceil((after - cap) / limit)}
`);

// KEYS[1] counter; ARGV: amount, ttlMs. Add and (re)set the expiry in one step.
export const COUNTER_ADD_SCRIPT = new LuaScript(`
local v = redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return v
`);
