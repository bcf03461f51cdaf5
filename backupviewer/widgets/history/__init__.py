"""The table of backups and what goes with it: the filters, the row menu, export and copy."""
