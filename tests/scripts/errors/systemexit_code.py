print("exiting with 4")
raise SystemExit(4)
