"""The health of the backups on screen: the summary line, the strip of days, the schedules
panel, the settings."""
