grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
shared = [[0] * 3] * 3
shared[0][0] = 7
print(shared)
matrix = [[1, 2, 3], [4, 5, 6]]
transposed = [[row[i] for row in matrix] for i in range(3)]
print(transposed)
print(matrix[1][2], len(matrix), len(matrix[0]))
flat = []
for row in matrix:
    flat.extend(row)
print(flat)
