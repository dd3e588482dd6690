"""Reporters listen to run events (events.py) and write them somewhere: the console, JSON, JUnit, HTML."""
