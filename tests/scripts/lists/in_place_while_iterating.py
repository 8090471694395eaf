nums = [1, 2, 3, 4, 5, 6]
evens = [n for n in nums if n % 2 == 0]
print(evens)
i = 0
while i < len(nums):
    if nums[i] % 2:
        del nums[i]
    else:
        i += 1
print(nums)
out = []
for n in nums[:]:
    nums.append(n * 10)
    out.append(n)
print(out, nums)
