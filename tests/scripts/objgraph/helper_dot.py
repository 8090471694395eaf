# Test helper: a file-like sink for objgraph's output= and a .dot normaliser that renames
# the node ids (o<id()>) to n1, n2, ... in order of first appearance, so goldens do not
# depend on addresses. Reprs' " at 0x..." are masked by the test driver itself.

DIGITS = '0123456789'


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def text(self):
        return ''.join(self.parts)


def normalize(text):
    names = {}
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        starts = c == 'o' and i + 1 < n and text[i + 1] in DIGITS
        if starts and (i == 0 or text[i - 1] in ' \n_>'):
            j = i + 1
            while j < n and text[j] in DIGITS:
                j += 1
            key = text[i:j]
            if key not in names:
                names[key] = 'n%d' % (len(names) + 1)
            out.append(names[key])
            i = j
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def show(func, *args, **kw):
    sink = Sink()
    func(*args, output=sink, **kw)
    print(normalize(sink.text()), end='')
