import sys
total = 0
for line in sys.stdin:
    line = line.strip()
    if line:
        total += int(line)
        print("read", line)
print("total", total)
