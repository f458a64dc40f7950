-- Settles (or undoes) one request on its counters in one atomic step: reserved -= held on the keys it was
-- held on, spent += actual on the keys it is charged to. Amounts as in budget_reserve.lua (hi, lo).
-- KEYS     the counter hashes
-- ARGV     sign (1 applies, -1 undoes), held hi, held lo, actual hi, actual lo, now (ms),
--          strict (1: a missing key answers "load it"; 0: missing keys are skipped, for undo),
--          then per key its role: 'h' (held), 's' (spent) or 'hs' (both)
-- returns  {-1, index}  a counter is missing (strict): load it from the ledger, retry
--          {1}          applied
local S = 10000000000
local function norm(h, l)
  if l >= S then return h + 1, l - S end
  if l < 0 then return h - 1, l + S end
  return h, l
end
local sign = tonumber(ARGV[1])
local hh, hl = sign * tonumber(ARGV[2]), sign * tonumber(ARGV[3])
local ch, cl = sign * tonumber(ARGV[4]), sign * tonumber(ARGV[5])
if ARGV[7] == '1' then
  for i, key in ipairs(KEYS) do
    if redis.call('EXISTS', key) == 0 then
      return {-1, i - 1}
    end
  end
end
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then
    local role = ARGV[7 + i]
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
    redis.call('HSET', key, 'at', ARGV[6])
    redis.call('HINCRBY', key, 'seq', 1)
  end
end
return {1}
