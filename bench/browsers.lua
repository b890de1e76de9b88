-- Simulated browsers for wrk: run it as `wrk -t32 -c32 -s browsers.lua URL -- SECONDS STATUS`.
--
-- wrk gives each of its threads its own Lua state, but not each connection. With as many threads as
-- connections, one thread is one browser: it keeps the sessionid cookie the server sets, sends it back
-- on every request, and remembers the last visit count the server acknowledged.
--
-- Each browser stops itself right after a response once SECONDS have passed, so that when the run ends
-- no request is in flight: the counts stored by the server can then be compared exactly with the counts
-- the browsers saw. STATUS is the status a good answer has (200 for a page, 404 for the ceiling).
-- done() writes what each browser saw, and wrk's latency figures, as JSON to the file named by the
-- environment variable BENCH_RESULT; bench/benchlib.py reads it.

local ffi = require("ffi")
ffi.cdef [[
    typedef struct { long tv_sec; long tv_usec; } bench_timeval;
    int gettimeofday(bench_timeval *tv, void *tz);
]]
local tv = ffi.new("bench_timeval")

local function now()
    ffi.C.gettimeofday(tv, nil)
    return tonumber(tv.tv_sec) + tonumber(tv.tv_usec) / 1e6
end

-- Setup phase (wrk's main Lua state): number the threads, and keep them to read their results in done().
local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("id", #threads)
end

-- Running phase (one Lua state per thread = per browser).
function init(args)
    seconds = tonumber(args[1] or "10")
    expected_status = tonumber(args[2] or "200")
    cookie = nil          -- the sessionid value, as the last Set-Cookie gave it
    ok = 0                -- answers with the expected status (and, for status 200, a visit count)
    bad = 0               -- any other answer
    statuses = ""         -- the unexpected statuses, for the report
    last = 0              -- the last visit count this browser was shown
    started = nil
    ended = nil
end

function request()
    if started == nil then
        started = now()
    end
    if cookie then
        return wrk.format(nil, nil, { ["Cookie"] = "sessionid=" .. cookie })
    end
    return wrk.format(nil, nil, {})
end

local function set_cookie(headers)
    for name, value in pairs(headers) do
        if name:lower() == "set-cookie" then
            return value
        end
    end
    return nil
end

function response(status, headers, body)
    ended = now()
    local count = body:match("Visit count:(%d+)") or body:match("visited this page (%d+) time")
    if status == expected_status and (status ~= 200 or count) then
        ok = ok + 1
        if count then
            last = tonumber(count)
        end
        local header = set_cookie(headers)
        if header then
            local value = header:match("^sessionid=([^;]*)")
            if value and value ~= "" and value ~= '""' then
                cookie = value
            elseif value then
                cookie = nil  -- the server deleted the cookie
            end
        end
    else
        bad = bad + 1
        if #statuses < 200 then
            statuses = statuses .. status .. " "
        end
    end
    if ended - started >= seconds then
        wrk.thread:stop()
    end
end

-- Done phase (the main state again): one JSON document for benchlib.py.
local function quote(s)
    if s == nil then
        return "null"
    end
    return '"' .. tostring(s):gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function done(summary, latency, requests)
    local out = assert(io.open(assert(os.getenv("BENCH_RESULT"), "set BENCH_RESULT"), "w"))
    local e = summary.errors
    out:write(string.format(
        '{"duration_us": %d, "requests": %d, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d},\n',
        summary.duration, summary.requests, e.connect, e.read, e.write, e.status, e.timeout))
    out:write(string.format('"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f},\n',
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
    out:write('"browsers": [\n')
    for i, thread in ipairs(threads) do
        out:write(string.format(
            '{"id": %d, "cookie": %s, "ok": %d, "bad": %d, "statuses": %s, "last": %d, "started": %.6f, "ended": %.6f}%s\n',
            thread:get("id"), quote(thread:get("cookie")), thread:get("ok"), thread:get("bad"),
            quote(thread:get("statuses")), thread:get("last"), thread:get("started") or 0, thread:get("ended") or 0,
            i < #threads and "," or ""))
    end
    out:write("]}\n")
    out:close()
end
