"""One module per command-line verb, each with ``run(args) -> int``."""
