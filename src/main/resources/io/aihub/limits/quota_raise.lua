-- Raises an existing quota counter to at least the database's totals (never lowers it).
-- KEYS[1]  the quota hash
-- ARGV     requests, tokens
-- returns  1 existed, 0 missing
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local fields = {'requests', 'tokens'}
for i = 1, 2 do
  local current = tonumber(redis.call('HGET', KEYS[1], fields[i]) or '0')
  if current < tonumber(ARGV[i]) then
    redis.call('HSET', KEYS[1], fields[i], ARGV[i])
  end
end
return 1
