-- Closes one registry entry the sweeper found due, if it is still the entry it read (compare-and-set):
-- an open hold the ledger never received gives its amount back (reserved -= amount on its counters);
-- any other due entry (a finished one whose ledger write was long confirmed) is only dropped.
-- KEYS     the counters named in the entry (for a release), then the registry hash and its index
-- ARGV     request id, the entry as read, release (1 or 0), now (ms)
-- returns  {1} closed, {0} the entry changed since
local S = 10000000000
local function norm(h, l)
  if l >= S then return h + 1, l - S end
  if l < 0 then return h - 1, l + S end
  return h, l
end
local n = #KEYS - 2
local holds, open = KEYS[n + 1], KEYS[n + 2]
local rid, entry = ARGV[1], ARGV[2]
if redis.call('HGET', holds, rid) ~= entry then
  return {0}
end
if ARGV[3] == '1' then
  local ah, al = string.match(entry, '^h|(-?%d+)|(%d+)|')
  for i = 1, n do
    if redis.call('EXISTS', KEYS[i]) == 1 then
      local v = redis.call('HMGET', KEYS[i], 'rh', 'rl')
      local rh, rl = norm(tonumber(v[1]) - tonumber(ah), tonumber(v[2]) - tonumber(al))
      redis.call('HSET', KEYS[i], 'rh', string.format('%.0f', rh), 'rl', string.format('%.0f', rl), 'at', ARGV[4])
      redis.call('HINCRBY', KEYS[i], 'seq', 1)
    end
  end
end
redis.call('HDEL', holds, rid)
redis.call('ZREM', open, rid)
return {1}
