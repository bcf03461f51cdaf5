"""Qt without widgets: the table model, the loader, the sign-in controller, drawn icons."""
