config = {"db": {"host": "localhost", "port": 5432}, "debug": False}
print(config["db"]["port"])
config["db"]["port"] += 1
config.setdefault("cache", {})["size"] = 10
print(config)
for section, value in config.items():
    print(section, type(value).__name__)
