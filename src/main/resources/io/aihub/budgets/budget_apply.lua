-- Finishes one request on its counters in one atomic step, exactly once however often it is asked.
-- A request's contribution to the counters is kept in the hold registry (a hash, request id -> entry):
--   absent or 'h|amount hi|amount lo|counter keys'   held: reserved includes the amount on its held keys
--   'f|actual hi|actual lo|token'                     finished: spent includes actual on its spend keys
-- Finishing moves the contribution from what the entry says to 'finished at actual': from held,
-- reserved -= held and spent += actual; from finished at p (a second finisher, or the same request
-- finished again after its instance died before the ledger write), only spent += actual - p. So a
-- counter change that reached Redis but not the ledger is never applied twice.
-- The registry's index (a sorted set) scores each entry by when a sweeper should look at it again.
-- KEYS     the counter hashes, then the registry hash and its index
-- ARGV     held hi, held lo, actual hi, actual lo, now (ms), strict (1: a missing counter answers
--          "load it"; 0: missing counters are skipped), request id, token, look-again (ms),
--          then per counter its role: 'h' (held), 's' (spent) or 'hs' (both),
--          then request ids whose ledger write is confirmed: their finished entries are dropped
-- returns  {-1, index}   a counter is missing (strict): load it from the ledger, retry
--          {1, previous entry or ''}
local S = 10000000000
local function norm(h, l)
  if l >= S then return h + 1, l - S end
  if l < 0 then return h - 1, l + S end
  return h, l
end
local n = #KEYS - 2
local holds, open = KEYS[n + 1], KEYS[n + 2]
if ARGV[6] == '1' then
  for i = 1, n do
    if redis.call('EXISTS', KEYS[i]) == 0 then
      return {-1, i - 1}
    end
  end
end
local rid = ARGV[7]
local previous = redis.call('HGET', holds, rid)
local hh, hl = tonumber(ARGV[1]), tonumber(ARGV[2])
local ch, cl = tonumber(ARGV[3]), tonumber(ARGV[4])
if previous and string.sub(previous, 1, 2) == 'f|' then
  local ph, pl = string.match(previous, '^f|(-?%d+)|(%d+)|')
  hh, hl = 0, 0
  ch, cl = norm(ch - tonumber(ph), cl - tonumber(pl))
end
for i = 1, n do
  local key = KEYS[i]
  if redis.call('EXISTS', key) == 1 then
    local role = ARGV[9 + i]
    if string.find(role, 'h', 1, true) then
      local v = redis.call('HMGET', key, 'rh', 'rl')
      local rh, rl = norm(tonumber(v[1]) - hh, tonumber(v[2]) - hl)
      redis.call('HSET', key, 'rh', string.format('%.0f', rh), 'rl', string.format('%.0f', rl))
    end
    if string.find(role, 's', 1, true) then
      local v = redis.call('HMGET', key, 'sh', 'sl')
      local sh, sl = norm(tonumber(v[1]) + ch, tonumber(v[2]) + cl)
      redis.call('HSET', key, 'sh', string.format('%.0f', sh), 'sl', string.format('%.0f', sl))
    end
    redis.call('HSET', key, 'at', ARGV[5])
    redis.call('HINCRBY', key, 'seq', 1)
  end
end
redis.call('HSET', holds, rid, 'f|' .. ARGV[3] .. '|' .. ARGV[4] .. '|' .. ARGV[8])
redis.call('ZADD', open, ARGV[9], rid)
for j = 10 + n, #ARGV do
  local done = redis.call('HGET', holds, ARGV[j])
  if done and string.sub(done, 1, 2) == 'f|' then
    redis.call('HDEL', holds, ARGV[j])
    redis.call('ZREM', open, ARGV[j])
  end
end
return {1, previous or ''}
