"""Reminders: when a task should call for attention, the scheduler that fires them, and the
notifications they leave."""
