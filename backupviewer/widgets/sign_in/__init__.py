"""The sign-in dialog and the checks of its form."""
