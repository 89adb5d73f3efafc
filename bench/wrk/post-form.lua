-- wrk script: POSTs a form with a unique text field on every request, as a signed-in
-- member, and counts the acknowledged writes (responses with the expected status).
--
-- Environment:
--   BENCH_PATH        where to POST, e.g. /threads/1/posts
--   BENCH_COOKIE      the Cookie header (session, and for Django the CSRF cookie)
--   BENCH_FORM        fixed form fields, already URL-encoded, e.g. _csrf=...&version=1
--   BENCH_FIELD       the field that gets the unique text (default: body)
--   BENCH_OK          the status that means "written" (default: 303)
--   BENCH_PREFIX      start of every text, to find them in the database (default: bench-write)
--   BENCH_IDS_FILE    optional: where to write the ids of acknowledged writes, one a line,
--                     taken from the redirect's "#...-ID" (Cohort: #post-123, #feedback-9)
-- Prints "acknowledged: N", "refused: N" and a few refused statuses at the end.

local path = os.getenv("BENCH_PATH")
local cookie = os.getenv("BENCH_COOKIE")
local form = os.getenv("BENCH_FORM") or ""
local field = os.getenv("BENCH_FIELD") or "body"
local ok_status = tonumber(os.getenv("BENCH_OK") or "303")
local prefix = os.getenv("BENCH_PREFIX") or "bench-write"
local ids_file = os.getenv("BENCH_IDS_FILE")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("number", #threads)
end

local filler = string.rep("A benchmark reply with ordinary prose about lesson plans, rubrics and feedback. ", 6)

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local counter = 0
acknowledged = 0
refused = 0
statuses = {}
ids = {}

function init(args)
  run = tostring(os.time()) .. "-" .. tostring(number)
end

function request()
  counter = counter + 1
  local text = (prefix .. "-" .. run .. "-" .. counter .. ". " .. filler):sub(1, 400)
  local body = form .. (form ~= "" and "&" or "") .. field .. "=" .. urlencode(text)
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == ok_status then
    acknowledged = acknowledged + 1
    local location = headers["Location"] or headers["location"] or ""
    local id = location:match("#%a+%-(%d+)$")
    if id then ids[#ids + 1] = id end
  else
    refused = refused + 1
    statuses[tostring(status)] = (statuses[tostring(status)] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total_ok, total_refused, seen = 0, 0, {}
  local out = ids_file and io.open(ids_file, "w")
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("acknowledged")
    total_refused = total_refused + thread:get("refused")
    for status, count in pairs(thread:get("statuses")) do seen[status] = (seen[status] or 0) + count end
    if out then
      for _, id in ipairs(thread:get("ids")) do out:write(id, "\n") end
    end
  end
  if out then out:close() end
  io.write(string.format("acknowledged: %d\nrefused: %d\n", total_ok, total_refused))
  for status, count in pairs(seen) do io.write(string.format("refused status %s: %d\n", status, count)) end
end
