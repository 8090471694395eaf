# The os subset: names, paths, environ, errors with CPython's messages, fork/waitpid/_exit
# and system's wait status. Output is flushed before each fork so that it is not duplicated
# (an unflushed buffer is copied into the child, in CPython and ouro alike).
import os
import sys

print(os.name, repr(os.sep), repr(os.linesep), os.curdir, os.pardir, os.devnull)
print(type(os.getpid()).__name__, os.getpid() > 0, os.getppid() > 0)
print(os.path.join('a', 'b', '/c', 'd'), os.path.join('x/', 'y'), os.path.basename('/x/y.py'),
      os.path.dirname('/x/y.py'), os.path.split('/x/y'), os.path.splitext('a/b.tar.gz'),
      os.path.splitext('.bashrc'))
print(os.path.normpath('/a/./b/../c//d'), os.path.normpath(''), os.path.isabs('/a'),
      os.path.abspath('/a/b/../c'))
print(os.path.exists('/'), os.path.isdir('/'), os.path.isfile('/'), os.path.exists('/no/such/x'),
      os.path.isfile('os_basics.py'))
print(os.getenv('NO_SUCH_VARIABLE_X'), os.getenv('NO_SUCH_VARIABLE_X', 'default'),
      os.getenv('PATH') == os.environ['PATH'], isinstance(os.environ['PATH'], str))
print(os.getcwd() == os.path.abspath('.'), os.path.abspath('x') == os.getcwd() + '/x')

for expr in ['os.getpid(1)', 'os.fork(1)', 'os.waitpid()', 'os.waitpid("a", 0)', 'os._exit()',
             'os.system()', 'os.system(1)', 'os.getcwd(1)', 'os.WIFEXITED()', 'os._exit("x")',
             'os.remove("no_such_file_x")', 'os.unlink("no_such_file_x")', 'os.system("a\\0b")',
             'os.path.join(1, "a")']:
    try:
        eval(expr)
    except Exception as e:
        print(expr, '->', type(e).__name__ + ':', e)
try:
    os.waitpid(999999, 0)
except OSError as e:
    print('waitpid of no child:', e.errno, e)

sys.stdout.flush()
pid = os.fork()
if pid == 0:
    print('in the child:', os.getpid() != pid or pid == 0)
    sys.stdout.flush()
    os._exit(3)
p, status = os.waitpid(pid, 0)
print('waited for the child:', p == pid, status, os.WIFEXITED(status), os.WEXITSTATUS(status),
      os.WIFSIGNALED(status))

sys.stdout.flush()
status = os.system('echo from the shell; exit 2')
print('system:', status, os.WEXITSTATUS(status))
print('WNOHANG:', os.WNOHANG)
