-- Budget reservation across every budget in scope, all or none, in one atomic step.
-- Amounts are exact fixed-point decimals split in two integers, hi (whole units of 1) and lo (units of
-- 1e-10, 0 <= lo < 1e10), because Lua numbers are doubles: each half stays far below 2^53, so every
-- sum and comparison here is exact, where one double (or one 64-bit integer of 1e-10 units) would not be.
-- KEYS     the counter hashes {sh, sl, rh, rl, seq, at} (spent and reserved, hi and lo)
-- ARGV     amount hi, amount lo, now (ms), then per key: limit hi, limit lo ('-' and '-' for no limit)
-- returns  {-1, index}                          counter KEYS[index + 1] is missing: load it from the ledger, retry
--          {0, index, remaining hi, remaining lo}   that budget would be exceeded; nothing was held
--          {1}                                  held on every counter
local S = 10000000000
local function norm(h, l)
  if l >= S then return h + 1, l - S end
  if l < 0 then return h - 1, l + S end
  return h, l
end
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 0 then
    return {-1, i - 1}
  end
end
local ah, al = tonumber(ARGV[1]), tonumber(ARGV[2])
for i, key in ipairs(KEYS) do
  local limh = ARGV[2 + 2 * i]
  if limh ~= '-' then
    local lh, ll = tonumber(limh), tonumber(ARGV[3 + 2 * i])
    local v = redis.call('HMGET', key, 'sh', 'sl', 'rh', 'rl')
    local uh, ul = norm(tonumber(v[1]) + tonumber(v[3]), tonumber(v[2]) + tonumber(v[4]))
    local th, tl = norm(uh + ah, ul + al)
    if th > lh or (th == lh and tl > ll) then
      local rh, rl = norm(lh - uh, ll - ul)
      return {0, i - 1, rh, rl}
    end
  end
end
for _, key in ipairs(KEYS) do
  local v = redis.call('HMGET', key, 'rh', 'rl')
  local rh, rl = norm(tonumber(v[1]) + ah, tonumber(v[2]) + al)
  redis.call('HSET', key, 'rh', string.format('%.0f', rh), 'rl', string.format('%.0f', rl), 'at', ARGV[3])
  redis.call('HINCRBY', key, 'seq', 1)
end
return {1}
