"""Where records go: one sink per module, all behind :class:`crawler.sinks.base.Sink`."""
