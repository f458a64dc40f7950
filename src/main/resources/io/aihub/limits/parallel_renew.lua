-- Extends a live lease by the ttl. KEYS[1] the sorted set; ARGV now (ms), lease id, ttl (ms).
-- returns 1 renewed, 0 expired or released
local now = tonumber(ARGV[1])
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[2])
if expiry == false or tonumber(expiry) <= now then
  redis.call('ZREM', KEYS[1], ARGV[2])
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
