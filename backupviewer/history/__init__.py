"""The backup history in columns: decoded (in worker processes), sorted, filtered, as CSV."""
