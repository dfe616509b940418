"""One module per `thresher` subcommand; each exposes `register(subparsers)`."""
