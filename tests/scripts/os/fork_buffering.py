# What fork() does to unflushed output, as in CPython: stdout to a pipe or file is block
# buffered, fork() copies the buffer, so text printed before the fork but not yet flushed is
# written twice (by the child's flush and the parent's); os._exit() never flushes, so what
# the second child printed is lost. (Golden made with PYTHONUNBUFFERED unset: with it set,
# python3 writes each print at once and nothing is duplicated.)
import os
import sys

print('printed before the fork, not flushed')
pid = os.fork()
if pid == 0:
    print('child: flushes, then _exit')
    sys.stdout.flush()
    os._exit(0)
os.waitpid(pid, 0)
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    print('child 2: never flushed, lost to _exit')
    os._exit(0)
os.waitpid(pid, 0)
print('parent: done')
