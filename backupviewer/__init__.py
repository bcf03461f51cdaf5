"""BackupViewer: the backup history of a Datafor BI server, at a glance."""

__version__ = "0.1.0"
