"""Qt core: the history table model, the loading controller and drawn icons (no widgets)."""
