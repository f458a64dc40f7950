-- Settles a counted request (tokens: actual - estimate; requests: -1 for a refund); never below zero.
-- A missing counter is left missing: its seed from the database will include the settled usage.
-- KEYS[1]  the quota hash
-- ARGV     requests delta, tokens delta
-- returns  1 applied, 0 no counter
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local fields = {'requests', 'tokens'}
for i = 1, 2 do
  local value = redis.call('HINCRBY', KEYS[1], fields[i], tonumber(ARGV[i]))
  if value < 0 then
    redis.call('HSET', KEYS[1], fields[i], 0)
  end
end
return 1
