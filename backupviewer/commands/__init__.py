"""The commands without a window: ``export`` and ``check`` (``cli`` parses and dispatches)."""
