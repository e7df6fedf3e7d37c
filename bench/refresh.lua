-- Each thread rotates its own refresh tokens (one file line each, read from REFRESH_TOKENS): a request
-- spends a token, its response hands back the next one. A token is never presented twice.
local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  local count = tonumber(os.getenv("THREADS"))
  local line = 0
  for token in io.lines(os.getenv("REFRESH_TOKENS")) do
    if line % count == index then
      table.insert(tokens, token)
    end
    line = line + 1
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local token = table.remove(tokens, 1)
  return wrk.format(nil, nil, nil, '{"refreshToken":"' .. token .. '"}')
end

function response(status, headers, body)
  local token = string.match(body, '"refreshToken":"([^"]+)"')
  if token then
    table.insert(tokens, token)
  end
end
