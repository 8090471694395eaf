# Files and pictures: filename='x.dot' writes the graph only; an image name writes x.dot
# beside it and runs `dot` when it is on PATH. PATH is emptied here so the output does not
# depend on whether Graphviz is installed: objgraph then says how to get it and render.
# Files get the pid in their names (the gcstress run may go at the same time); objgraph's
# messages are captured and the pid replaced by PID.
import os, sys
import objgraph
from helper_dot import Sink

base = 'render_%d' % os.getpid()


def run(func, *args, **kw):
    old = sys.stdout
    sys.stdout = sink = Sink()
    try:
        func(*args, **kw)
    finally:
        sys.stdout = old
    print(sink.text().replace(str(os.getpid()), 'PID'), end='')


class Leaf:
    def __repr__(self):
        return 'Leaf()'


leaf = Leaf()
holder = {'leaf': leaf}
os.environ['PATH'] = '/nonexistent'
run(objgraph.show_backrefs, [leaf], max_depth=1, filename=base + '.dot')
with open(base + '.dot') as f:
    lines = f.read().splitlines()
print(len(lines), lines[0], lines[-1])
run(objgraph.show_backrefs, [leaf], max_depth=1, filename=base + '.png')
run(objgraph.show_refs, [holder], max_depth=1, filename=base + '.svg')
real_os = objgraph.os
objgraph.os = None  # as if ouro had no os.system: the .dot is kept, the command printed
os.environ['PATH'] = '/usr/bin:/bin'
run(objgraph.show_refs, [holder], max_depth=1, filename=base + '.pdf')
objgraph.os = real_os
try:
    objgraph.show_refs([holder], filename=base + '.dot', output=Sink())
except ValueError as e:
    print('ValueError:', e)
os.remove(base + '.dot')
