"""What Datafor's API is: its addresses, its ways of signing in, the envelope of its answers."""
