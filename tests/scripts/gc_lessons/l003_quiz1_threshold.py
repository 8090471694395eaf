# Lesson 003, Question 1: the default thresholds.
import gc
print(gc.get_threshold())
