import helper_counter
print(__name__)
print(helper_counter.__name__)
print(helper_counter.whoami())
if __name__ == "__main__":
    print("running as main")
