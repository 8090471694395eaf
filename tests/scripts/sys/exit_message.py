import sys
print("stdout before exit")
sys.exit("fatal: something went wrong")
