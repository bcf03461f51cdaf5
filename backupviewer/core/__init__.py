"""Plain data and rules every layer shares: records, schedules, columns, errors (no Qt, no HTTP)."""
