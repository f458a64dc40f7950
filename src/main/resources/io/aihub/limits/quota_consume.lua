-- Monthly quota: check and, only if allowed, count one request and its estimated tokens.
-- KEYS[1]  hash {requests, tokens} for one subject and period; expires after the period
-- ARGV     request quota (-1 = unlimited), token quota (-1 = unlimited), this request's tokens
-- returns  {-1}                       the counter does not exist: seed it from the database, then retry
--          {1, remaining requests or -1, remaining tokens or -1}
--          {0, 1 = requests | 2 = tokens}
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {-1}
end
local requestQuota = tonumber(ARGV[1])
local tokenQuota = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local requests = tonumber(redis.call('HGET', KEYS[1], 'requests') or '0')
local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens') or '0')
if requestQuota >= 0 and requests + 1 > requestQuota then
  return {0, 1}
end
if tokenQuota >= 0 and tokens + cost > tokenQuota then
  return {0, 2}
end
redis.call('HINCRBY', KEYS[1], 'requests', 1)
if cost > 0 then
  redis.call('HINCRBY', KEYS[1], 'tokens', cost)
end
local remainingRequests, remainingTokens = -1, -1
if requestQuota >= 0 then remainingRequests = requestQuota - requests - 1 end
if tokenQuota >= 0 then remainingTokens = tokenQuota - tokens - cost end
return {1, remainingRequests, remainingTokens}
