# Helper for the gc_api tests: captures what the collector and the unraisable hook write
# to sys.stderr (DEBUG lines, "Exception ignored in:" reports) so a test can print it
# with its varying parts masked: addresses, timings, generation sizes, file paths.
import sys

HEX = "0123456789abcdef"


def mask_addresses(line):
    out = []
    i = 0
    while i < len(line):
        if line.startswith("0x", i):
            j = i + 2
            while j < len(line) and line[j] in HEX:
                j += 1
            out.append("0xADDR")
            i = j
        else:
            out.append(line[i])
            i += 1
    return "".join(out)


def normalise(line):
    line = mask_addresses(line)
    if line.startswith("gc: objects in each generation:"):
        return "gc: objects in each generation: N N N"
    if line.startswith("gc: objects in permanent generation:"):
        return "gc: objects in permanent generation: N"
    if line.startswith("gc: done,") and line.endswith("s elapsed"):
        head = line[:line.rfind(",")]
        return head + ", T.TTTTs elapsed"
    if line.startswith('  File "'):
        end = line.find('"', 8)
        path = line[8:end]
        return '  File "' + path[path.rfind("/") + 1:] + line[end:]
    return line


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        pass

    def __enter__(self):
        self.saved = sys.stderr
        sys.stderr = self
        return self

    def __exit__(self, *exc):
        sys.stderr = self.saved
        return False

    def lines(self):
        return [normalise(line) for line in "".join(self.parts).splitlines()]

    def show(self):
        for line in self.lines():
            print("|", line)
