import sys
print("to stdout")
print("to stderr", file=sys.stderr)
print("more", "stderr", sep="-", file=sys.stderr)
print("stdout again")
sys.stdout.write("written directly\n")
sys.stderr.write("stderr written directly\n")
print("explicit stdout", file=sys.stdout)
print("None file means stdout", file=None)
