-- Moves one request's contribution to the counters from what its hold-registry entry says to a target, in
-- one atomic step. Settle, release, expiry, a retry of any of them, and the undo of a change the ledger
-- refused are all this one move, so a change is never applied twice:
--   entry absent or 'h|amount hi|amount lo|counter keys'   held: reserved includes the held amount on its held keys
--   'f|actual hi|actual lo|token'                           finished: spent includes actual on its spend keys
--   target 'n'                                              nothing (the undo of a reservation)
-- From held to finished at a: reserved -= held, spent += a. From finished at p to finished at a (a retry after
-- an instance died before its ledger write, or another finisher): only spent += a - p. An undo names the entry
-- it wrote as expected (compare-and-set): a later finisher's change is never taken back.
-- The registry's index (a sorted set) scores each entry by when the sweeper should look at it again.
-- KEYS     the counter hashes, then the registry hash and its index
-- ARGV     held hi, held lo, now (ms), strict (1: a missing counter answers "load it"; 0: missing counters are
--          skipped), request id, expected entry ('*': any; '': absent), target entry (as stored, '' for absent
--          = held, or 'n'), its index score (ms), then per counter its role: 'h' (held), 's' (spent) or 'hs',
--          then request ids whose ledger write is confirmed: their finished entries are dropped
-- returns  {-1, index}                a counter is missing (strict): load it from the ledger, retry
--          {0}                        the entry is not the expected one: nothing changed
--          {1, previous entry or ''}
local S = 10000000000
local function norm(h, l)
  if l >= S then return h + 1, l - S end
  if l < 0 then return h - 1, l + S end
  return h, l
end
-- reserved (hi, lo) and spent (hi, lo) an entry stands for
local function contribution(entry)
  if entry == 'n' then
    return 0, 0, 0, 0
  end
  if string.sub(entry, 1, 2) == 'f|' then
    local ph, pl = string.match(entry, '^f|(-?%d+)|(%d+)|')
    return 0, 0, tonumber(ph), tonumber(pl)
  end
  return tonumber(ARGV[1]), tonumber(ARGV[2]), 0, 0
end
local n = #KEYS - 2
local holds, open = KEYS[n + 1], KEYS[n + 2]
if ARGV[4] == '1' then
  for i = 1, n do
    if redis.call('EXISTS', KEYS[i]) == 0 then
      return {-1, i - 1}
    end
  end
end
local rid, expected, target = ARGV[5], ARGV[6], ARGV[7]
local previous = redis.call('HGET', holds, rid) or ''
if expected ~= '*' and previous ~= expected then
  return {0}
end
local rh0, rl0, sh0, sl0 = contribution(previous)
local rh1, rl1, sh1, sl1 = contribution(target)
local drh, drl = norm(rh1 - rh0, rl1 - rl0)
local dsh, dsl = norm(sh1 - sh0, sl1 - sl0)
for i = 1, n do
  local key = KEYS[i]
  if redis.call('EXISTS', key) == 1 then
    local role = ARGV[8 + i]
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
    redis.call('HSET', key, 'at', ARGV[3])
    redis.call('HINCRBY', key, 'seq', 1)
  end
end
if target == '' or target == 'n' then
  redis.call('HDEL', holds, rid)
  redis.call('ZREM', open, rid)
else
  redis.call('HSET', holds, rid, target)
  redis.call('ZADD', open, ARGV[8], rid)
end
for j = 9 + n, #ARGV do
  local done = redis.call('HGET', holds, ARGV[j])
  if done and string.sub(done, 1, 2) == 'f|' then
    redis.call('HDEL', holds, ARGV[j])
    redis.call('ZREM', open, ARGV[j])
  end
end
return {1, previous}
