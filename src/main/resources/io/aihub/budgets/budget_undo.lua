-- Undoes one request's change on its counters when the ledger refused it: only if the registry entry
-- is still the one this change wrote (compare-and-set: a later finisher's change is left alone).
-- Moves the contribution back to what the entry said before (see budget_apply.lua; for a reservation,
-- the previous entry is '' and the contribution was 'held'), and restores that entry.
-- KEYS     the counter hashes, then the registry hash and its index
-- ARGV     held hi, held lo, actual hi, actual lo, now (ms), request id, the entry this change wrote,
--          the entry before it ('' for none), its index score, then per counter its role 'h', 's' or 'hs'
-- returns  {1} undone, {0} the entry changed since: nothing to undo
local S = 10000000000
local function norm(h, l)
  if l >= S then return h + 1, l - S end
  if l < 0 then return h - 1, l + S end
  return h, l
end
local n = #KEYS - 2
local holds, open = KEYS[n + 1], KEYS[n + 2]
local rid, mine, before = ARGV[6], ARGV[7], ARGV[8]
if redis.call('HGET', holds, rid) ~= mine then
  return {0}
end
-- the contribution this change made, and the one before it
local rh0, rl0, sh0, sl0 = 0, 0, 0, 0          -- to remove
local rh1, rl1, sh1, sl1 = 0, 0, 0, 0          -- to restore
if string.sub(mine, 1, 2) == 'f|' then
  sh0, sl0 = tonumber(ARGV[3]), tonumber(ARGV[4])
else
  rh0, rl0 = tonumber(ARGV[1]), tonumber(ARGV[2])
end
if string.sub(before, 1, 2) == 'f|' then
  local ph, pl = string.match(before, '^f|(-?%d+)|(%d+)|')
  sh1, sl1 = tonumber(ph), tonumber(pl)
elseif string.sub(mine, 1, 2) == 'f|' then
  rh1, rl1 = tonumber(ARGV[1]), tonumber(ARGV[2]) -- it was held before this finish
end
local drh, drl = norm(rh1 - rh0, rl1 - rl0)
local dsh, dsl = norm(sh1 - sh0, sl1 - sl0)
for i = 1, n do
  local key = KEYS[i]
  if redis.call('EXISTS', key) == 1 then
    local role = ARGV[9 + i]
    if string.find(role, 'h', 1, true) then
      local v = redis.call('HMGET', key, 'rh', 'rl')
      local rh, rl = norm(tonumber(v[1]) + drh, tonumber(v[2]) + drl)
      redis.call('HSET', key, 'rh', string.format('%.0f', rh), 'rl', string.format('%.0f', rl))
    end
    if string.find(role, 's', 1, true) then
      local v = redis.call('HMGET', key, 'sh', 'sl')
      local sh, sl = norm(tonumber(v[1]) + dsh, tonumber(v[2]) + dsl)
      redis.call('HSET', key, 'sh', string.format('%.0f', sh), 'sl', string.format('%.0f', sl))
    end
    redis.call('HSET', key, 'at', ARGV[5])
    redis.call('HINCRBY', key, 'seq', 1)
  end
end
if before == '' then
  redis.call('HDEL', holds, rid)
  redis.call('ZREM', open, rid)
else
  redis.call('HSET', holds, rid, before)
  redis.call('ZADD', open, ARGV[9], rid)
end
return {1}
