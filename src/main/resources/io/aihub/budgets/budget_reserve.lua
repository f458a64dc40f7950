-- Budget reservation across every budget in scope, all or none, in one atomic step.
-- Amounts are exact fixed-point decimals split in two integers, hi (whole units of 1) and lo (units of
-- 1e-10, 0 <= lo < 1e10), because Lua numbers are doubles: each half stays far below 2^53, so every
-- sum and comparison here is exact, where one double (or one 64-bit integer of 1e-10 units) would not be.
-- KEYS     the counter hashes {sh, sl, rh, rl, seq, at} (spent and reserved, hi and lo), then the hold
--          registry hash and its index (a sorted set), see budget_apply.lua
-- ARGV     amount hi, amount lo, now (ms), request id, hold expiry (ms), then per counter: limit hi, limit lo
--          ('-' and '-' for no limit)
-- returns  {-1, index}                          counter KEYS[index + 1] is missing: load it from the ledger, retry
--          {0, index, remaining hi, remaining lo}   that budget would be exceeded; nothing was held
--          {1}                                  held on every counter, and registered as open
local S = 10000000000
local function norm(h, l)
  if l >= S then return h + 1, l - S end
  if l < 0 then return h - 1, l + S end
  return h, l
end
local n = #KEYS - 2
local holds, open = KEYS[n + 1], KEYS[n + 2]
for i = 1, n do
  if redis.call('EXISTS', KEYS[i]) == 0 then
    return {-1, i - 1}
  end
end
local ah, al = tonumber(ARGV[1]), tonumber(ARGV[2])
for i = 1, n do
  local limh = ARGV[4 + 2 * i]
  if limh ~= '-' then
    local lh, ll = tonumber(limh), tonumber(ARGV[5 + 2 * i])
    local v = redis.call('HMGET', KEYS[i], 'sh', 'sl', 'rh', 'rl')
    local uh, ul = norm(tonumber(v[1]) + tonumber(v[3]), tonumber(v[2]) + tonumber(v[4]))
    local th, tl = norm(uh + ah, ul + al)
    if th > lh or (th == lh and tl > ll) then
      local rh, rl = norm(lh - uh, ll - ul)
      return {0, i - 1, rh, rl}
    end
  end
end
local counters = {}
for i = 1, n do
  local v = redis.call('HMGET', KEYS[i], 'rh', 'rl')
  local rh, rl = norm(tonumber(v[1]) + ah, tonumber(v[2]) + al)
  redis.call('HSET', KEYS[i], 'rh', string.format('%.0f', rh), 'rl', string.format('%.0f', rl), 'at', ARGV[3])
  redis.call('HINCRBY', KEYS[i], 'seq', 1)
  counters[i] = KEYS[i]
end
-- Open: what a sweeper needs to give the amount back if the ledger never hears of this request.
redis.call('HSET', holds, ARGV[4], 'h|' .. ARGV[1] .. '|' .. ARGV[2] .. '|' .. table.concat(counters, ' '))
redis.call('ZADD', open, ARGV[5], ARGV[4])
return {1}
