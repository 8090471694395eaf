-- gc_collect_full: cost of a full collection (collectgarbage("collect")) over a LIVE heap,
-- the same shapes as gc_collect_full.py: 200,000 records of 5 tables each, pyperformance's
-- gc_traversal DAG (1,000 tables, ~500,000 edges) and a 100,000-long chain of "instances".
-- Lua cannot count its objects, so ns per object divides by the tables this script built;
-- nothing is garbage by construction, so the "found" count is printed as 0.
-- Lines starting with "timing " are in-script figures (CPU time, os.clock, as the Python
-- twin's time.process_time); bench/run reports them apart.
local RECORDS = 200000
local N_LEVELS = 1000
local INSTANCES = 100000
local ROUNDS = 7

local function time_collections(rounds)
  collectgarbage("collect")
  local times = {}
  for r = 1, rounds do
    local t0 = os.clock()
    collectgarbage("collect")
    times[r] = os.clock() - t0
  end
  table.sort(times)
  return times[1], times[rounds // 2 + 1]
end

local function build_records(n)
  local records = {}
  for i = 0, n - 1 do
    local d = { key = { i }, vals = { i, "x", i * 2.5 } }
    records[#records + 1] = { d, { d, i } }
  end
  return records
end

local function build_dag(levels)
  local current = {}
  for n = 0, levels - 1 do
    local new = {}
    for k = 1, n do new[k] = current end
    current = new
  end
  return current
end

local function build_chain(n)
  local head = false
  for i = 0, n - 1 do head = { next = head, value = i } end
  return head
end

local function report(name, best, median, objects)
  print(string.format("timing %s_best %.2f ms", name, best * 1e3))
  print(string.format("timing %s_median %.2f ms", name, median * 1e3))
  if objects > 0 then
    print(string.format("timing %s_ns_per_object %.2f ns", name, median * 1e9 / objects))
  end
end

local function main()
  collectgarbage("stop") -- only the timed collections run; building must not trigger any
  local records = build_records(RECORDS)
  local best, median = time_collections(ROUNDS)
  report("full", best, median, RECORDS * 5 + 1)
  records = nil
  collectgarbage("collect")

  local dag = build_dag(N_LEVELS)
  best, median = time_collections(ROUNDS)
  report("traversal", best, median, 0)
  dag = nil
  collectgarbage("collect")

  local chain = build_chain(INSTANCES)
  best, median = time_collections(ROUNDS)
  report("instances", best, median, INSTANCES)
  chain = nil
  collectgarbage("restart")
  print(string.format("gc_collect_full: %d record objects, %d DAG levels, %d instances, "
    .. "found 0 garbage in %d timed collections", RECORDS * 5, N_LEVELS, INSTANCES, 3 * ROUNDS))
end

main()
