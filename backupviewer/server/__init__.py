"""Talking to a Datafor server (the only place that uses httpx) and the system keyring."""
