-- The load test's mix: the addresses in the file given after `--` (bench/mix.py writes
-- them from a seeded random generator), each thread walking its own share of them in order.
local threads = {}

setup = function(thread)
  thread:set("number", #threads)
  table.insert(threads, thread)
end

init = function(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
  -- Thread n of N starts n/N of the way in, so the threads ask for different pages.
  counter = math.floor(#paths * number / tonumber(args[2] or 2))
  server_errors = 0
  client_errors = 0
end

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter - 1) % #paths + 1])
end

-- Server errors (5xx) apart from the 4xx that the mix asks for on purpose.
response = function(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status >= 400 then
    client_errors = client_errors + 1
  end
end

done = function(summary, latency, requests)
  local server, client = 0, 0
  for _, thread in ipairs(threads) do
    server = server + thread:get("server_errors")
    client = client + thread:get("client_errors")
  end
  io.write(string.format("Server errors (5xx): %d\n", server))
  io.write(string.format("Client errors (4xx): %d\n", client))
end
