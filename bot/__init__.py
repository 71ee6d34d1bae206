"""antt-bot: the application — settings, CLI, ASGI app and channel adapters."""
