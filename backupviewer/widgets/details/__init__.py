"""One backup in full: the details pane, and saving its zip."""
