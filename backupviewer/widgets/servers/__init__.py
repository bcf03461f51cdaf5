"""All servers at once: the window that lists them, the worst first."""
