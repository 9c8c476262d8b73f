from ionqkit.cli import entry

entry()
