"""The backup history in columns: decoding (in worker processes), sorting, filtering, CSV."""
