"""Pentaho's schedule triggers and the Quartz rules they stand for: read, said in words, and
their fire times."""
