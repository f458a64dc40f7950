-- In-flight cap: a sorted set of lease ids scored by their expiry, so a lease whose holder died
-- stops counting at its expiry instead of blocking the subject forever.
-- KEYS[1]  sorted set {lease id -> expires at ms}
-- ARGV     now (epoch ms), max, lease id, lease ttl (ms)
-- returns  {1, remaining slots}  (re-acquiring a held lease id renews it without a second slot)
--          {0}
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local ttl = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local held = redis.call('ZCARD', KEYS[1])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) == false then
  if held >= max then
    return {0}
  end
  held = held + 1
end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
-- Every lease lives at most ttl from its last acquire/renew: the set may go when the newest does.
redis.call('PEXPIRE', KEYS[1], ttl)
return {1, max - held}
