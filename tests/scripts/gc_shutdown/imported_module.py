# Objects held by an imported module's globals are finalized at exit too, print working.
import helper_exit_objects
print("imported", helper_exit_objects.a.n)
