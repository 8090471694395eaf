-- binary_trees: allocate and free many small objects (the benchmarks-game program,
-- with trees built from small tables; leaves have nil children).
local function make(depth)
  if depth == 0 then return { left = nil, right = nil } end
  return { left = make(depth - 1), right = make(depth - 1) }
end

local function check(node)
  if node.left == nil then return 1 end
  return 1 + check(node.left) + check(node.right)
end

local function main(max_depth)
  local min_depth = 4
  local stretch = max_depth + 1
  print(string.format("stretch tree of depth %d\t check: %d", stretch, check(make(stretch))))
  local long_lived = make(max_depth)
  local total = 0
  local depth = min_depth
  while depth <= max_depth do
    local iterations = 1 << (max_depth - depth + min_depth)
    local c = 0
    for _ = 1, iterations do
      c = c + check(make(depth))
    end
    print(string.format("%d\t trees of depth %d\t check: %d", iterations, depth, c))
    total = total + c
    depth = depth + 2
  end
  print(string.format("long lived tree of depth %d\t check: %d", max_depth, check(long_lived)))
  print(string.format("checksum %d", total))
end

main(14)
