"""Are the backups healthy? The schedules' fire times; missed, slow, stuck and failing runs;
the verdict in words; and the snapshot that holds what is known of a server now."""
