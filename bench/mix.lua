-- A mix of public pages for the load test: every request picks the next address in turn.
local paths = {
  "/pl/", "/en/", "/pl/partnerzy/", "/en/partners/",
  "/en/partners/?q=dziecko", "/pl/partnerzy/?q=terroryzm&sort=-founded",
  "/en/partners/?type=nonprofit", "/en/partners/?focus=missing-children&focus=child-sexual-exploitation",
  "/pl/partnerzy/gifct/", "/en/partners/ncmec/", "/en/focus-areas/missing-children/",
  "/pl/o-katalogu/", "/en/partners/?founded_from=abc", "/en/partners/no-such-partner/",
}
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

-- Count server errors (5xx) apart from the 4xx that the mix asks for on purpose.
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  server_errors = 0
end

response = function(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  end
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("server_errors")
  end
  io.write(string.format("Server errors (5xx): %d\n", total))
end
