-- gc_cycles: a few million short-lived reference cycles (2-table "instance" cycles and
-- 2-table "list" cycles), reclaimed only by Lua's automatic collector.
-- The check line asserts that the heap stayed bounded, so a leak cannot pass as speed.
-- Lines starting with "timing " are in-script figures (CPU time, os.clock, as the Python
-- twin's time.process_time); bench/run reports them apart.
local function churn(n)
  local total = 0
  for i = 0, n - 1 do
    local a = { peer = false }
    local b = { peer = false }
    a.peer = b
    b.peer = a
    local l = { i }
    local m = { l }
    l[2] = m
    total = total + #m[1]
  end
  return total
end

local function main(n)
  local before = collectgarbage("count")
  local t0 = os.clock()
  local total = churn(n)
  local t1 = os.clock()
  -- ~4 * n tables of >= 56 bytes each would be > 200 MB if nothing were reclaimed.
  local bounded = collectgarbage("count") - before < 64 * 1024
  print(string.format("gc_cycles: %d iterations, %d objects in cycles, checksum %d, "
    .. "heap bounded: %s", n, 4 * n, total, bounded and "True" or "False"))
  print(string.format("timing loop %.4f s", t1 - t0))
  print(string.format("timing per_cycle %.1f ns", (t1 - t0) * 1e9 / (2 * n)))
end

main(1000000)
