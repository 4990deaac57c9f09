"""The web app: pages and static assets (plain HTML, CSS and ES modules, no build step)."""
