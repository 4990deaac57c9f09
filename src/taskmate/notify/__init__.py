"""Reminders outside the app: Web Push to browsers and Apprise URLs (ntfy, Gotify, Telegram,
email and many more), each a channel a user adds in Settings; failing channels are retried
with backoff, then turned off with a note."""
