def run(fail):
    try:
        print("  try body")
        if fail:
            raise RuntimeError("boom")
    except RuntimeError as e:
        print("  except:", e)
    else:
        print("  else: no exception")
    finally:
        print("  finally always")
print("run(False)")
run(False)
print("run(True)")
run(True)
