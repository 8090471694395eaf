# indentation with tabs only (consistent) is legal
if True:
	x = 1
	if x:
		print("tab-indented", x)
	print("back one level")
print("top")
