# -*- coding: klingon -*-
# An unknown encoding stops the script runner before anything runs.
print("never")
