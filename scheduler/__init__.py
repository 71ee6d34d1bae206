"""Scheduled jobs: deadline reminders, phase changes, housekeeping; one leader runs them."""
