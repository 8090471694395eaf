config = {"host": "localhost"}
print(config["host"])
config.pop("port")
